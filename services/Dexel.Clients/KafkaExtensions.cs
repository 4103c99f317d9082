using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dexel.Clients;

/// <summary>Where Kafka is and who we are to it; read from ConnectionStrings:kafka as Aspire passes it.</summary>
public sealed record KafkaSettings(string BootstrapServers, string ClientId)
{
    /// <summary>
    /// Every consumer group's settings: from the earliest event when the group is new, offsets
    /// stored by the code only once an event is handled, committed in the background.
    /// </summary>
    public ConsumerConfig Consumer(string groupId) => new()
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
    /// <summary>A singleton idempotent producer (acks=all, ordered per partition) and a "Kafka" health check.</summary>
    public static IHostApplicationBuilder AddKafkaProducer(this IHostApplicationBuilder builder, string connectionName)
    {
        var settings = new KafkaSettings(
            ConnectionStrings.Require(builder.Configuration, connectionName),
            builder.Environment.ApplicationName);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(services =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Dexel.Kafka");
            return new ProducerBuilder<string, byte[]>(new ProducerConfig
                {
                    BootstrapServers = settings.BootstrapServers,
                    ClientId = settings.ClientId,
                    Acks = Acks.All,
                    EnableIdempotence = true,
                    LingerMs = 1,
                    // Fail a delivery fast enough that the outbox relay notices an outage and backs off.
                    MessageTimeoutMs = 10_000,
                    SocketTimeoutMs = 5_000,
                })
                .SetLogHandler((_, message) => logger.Log(ToLogLevel(message.Level), "librdkafka {Facility}: {Message}", message.Facility, message.Message))
                .Build();
        });
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            "Kafka",
            services => new KafkaHealthCheck(services.GetRequiredService<IProducer<string, byte[]>>()),
            HealthStatus.Unhealthy,
            tags: null,
            // A frozen broker must not hold /health past the probes' own deadlines (Kubernetes' default is 1 s).
            timeout: TimeSpan.FromSeconds(1.5)));
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
