using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dexel.Clients;

/// <summary>
/// One Kafka client's settings: sections <c>Aspire:Confluent:Kafka:Producer</c> and
/// <c>Aspire:Confluent:Kafka:Consumer</c>, as Aspire.Confluent.Kafka names them (that package is
/// not served here), with the broker list from <c>ConnectionStrings:{name}</c>.
/// </summary>
public sealed class KafkaClientSettings : ClientSettings
{
    /// <summary>librdkafka properties (<c>"linger.ms": "5"</c>) applied over Dexel's own.</summary>
    public Dictionary<string, string> Config { get; set; } = [];
}

/// <summary>Where Kafka is, who we are to it, and the operator's consumer properties.</summary>
public sealed record KafkaSettings(string BootstrapServers, string ClientId, IReadOnlyDictionary<string, string> ConsumerConfig)
{
    /// <summary>
    /// Every consumer group's settings: from the earliest event when the group is new, offsets
    /// stored by the code only once an event is handled, committed in the background.
    /// </summary>
    public ConsumerConfig Consumer(string groupId)
    {
        var config = DefaultConsumer(groupId);
        foreach (var (key, value) in ConsumerConfig) config.Set(key, value);
        return config;
    }

    private ConsumerConfig DefaultConsumer(string groupId) => new()
    {
        BootstrapServers = BootstrapServers,
        ClientId = ClientId,
        GroupId = groupId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = true,
        EnableAutoOffsetStore = false,
        AllowAutoCreateTopics = true,
        // A member that died without leaving (a crash, a kill) holds its partitions until the
        // group gives up on it; 10 s rather than the 45 s default, so a restarted replica resumes
        // within seconds. Heartbeats every 3 s keep a live member well inside it.
        SessionTimeoutMs = 10_000,
        HeartbeatIntervalMs = 3_000,
    };
}

public static class KafkaExtensions
{
    public const string ProducerSection = "Aspire:Confluent:Kafka:Producer", ConsumerSection = "Aspire:Confluent:Kafka:Consumer";

    /// <summary>
    /// A singleton idempotent producer (acks=all, ordered per partition), its librdkafka log in
    /// ILogger, a "Kafka" health check, and <see cref="KafkaSettings"/> for the service's consumers.
    /// </summary>
    public static IHostApplicationBuilder AddKafkaProducer(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaClientSettings>? configureSettings = null)
    {
        var producerSettings = ConnectionStrings.Bind(builder, ProducerSection, connectionName, configureSettings);
        var consumerSettings = ConnectionStrings.Bind<KafkaClientSettings>(builder, ConsumerSection, connectionName, null);
        var settings = new KafkaSettings(producerSettings.ConnectionString!, builder.Environment.ApplicationName, consumerSettings.Config);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(services =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Dexel.Kafka");
            var config = new ProducerConfig
            {
                BootstrapServers = settings.BootstrapServers,
                ClientId = settings.ClientId,
                Acks = Acks.All,
                EnableIdempotence = true,
                LingerMs = 1,
                // JSON events shrink several times: less to send, store and fetch for every consumer.
                CompressionType = CompressionType.Lz4,
                // Fail a delivery fast enough that the outbox relay notices an outage and backs off.
                MessageTimeoutMs = 10_000,
                SocketTimeoutMs = 5_000,
            };
            foreach (var (key, value) in producerSettings.Config) config.Set(key, value);
            return new ProducerBuilder<string, byte[]>(config)
                .SetLogHandler((_, message) => logger.Log(ToLogLevel(message.Level), "librdkafka {Facility}: {Message}", message.Facility, message.Message))
                .Build();
        });
        if (!producerSettings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                "Kafka",
                services => new KafkaHealthCheck(services.GetRequiredService<IProducer<string, byte[]>>()),
                HealthStatus.Unhealthy,
                tags: null,
                // A frozen broker must not hold /health past the probes' own deadlines (Kubernetes' default is 1 s).
                timeout: producerSettings.HealthCheckTimeout ?? TimeSpan.FromSeconds(1.5)));
        }
        return builder;
    }

    public static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}

/// <summary>Healthy when a broker answers a metadata request; uses the producer's own connection.</summary>
internal sealed class KafkaHealthCheck(IProducer<string, byte[]> producer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            try
            {
                using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
                var metadata = admin.GetMetadata(TimeSpan.FromSeconds(1));
                return metadata.Brokers.Count > 0
                    ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s)")
                    : HealthCheckResult.Unhealthy("No Kafka broker answered");
            }
            catch (KafkaException ex)
            {
                return HealthCheckResult.Unhealthy("Kafka is unreachable", ex);
            }
        }, cancellationToken).WaitAsync(cancellationToken); // the metadata call cannot be cancelled; the check's deadline still holds
}
