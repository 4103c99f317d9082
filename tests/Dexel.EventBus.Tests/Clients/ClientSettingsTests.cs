using Dexel.Clients;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dexel.EventBus.Tests.Clients;

/// <summary>
/// Our client integrations read their settings as Aspire's do: the <c>Aspire:...</c> section, then
/// the per-connection subsection, then the connection string, then code.
/// </summary>
public sealed class ClientSettingsTests
{
    [Fact]
    public void Kafka_consumer_properties_come_from_the_aspire_section_over_our_defaults()
    {
        using var defaults = Build(new() { ["ConnectionStrings:kafka"] = "broker:9092" }, b => b.AddKafkaProducer("kafka"));
        using var tuned = Build(new()
        {
            ["ConnectionStrings:kafka"] = "broker:9092",
            ["Aspire:Confluent:Kafka:Consumer:Config:session.timeout.ms"] = "30000",
        }, b => b.AddKafkaProducer("kafka"));

        Assert.Equal(10_000, defaults.GetRequiredService<KafkaSettings>().Consumer("g").SessionTimeoutMs);
        var consumer = tuned.GetRequiredService<KafkaSettings>().Consumer("g");
        Assert.Equal(30_000, consumer.SessionTimeoutMs);
        Assert.Equal("broker:9092", consumer.BootstrapServers);
    }

    [Fact]
    public void The_connection_string_wins_over_the_section_and_code_over_both()
    {
        using var fromConnectionString = Build(new()
        {
            ["Aspire:Confluent:Kafka:Producer:ConnectionString"] = "section:1",
            ["ConnectionStrings:kafka"] = "named:2",
        }, b => b.AddKafkaProducer("kafka"));
        using var fromCode = Build(new() { ["ConnectionStrings:kafka"] = "named:2" },
            b => b.AddKafkaProducer("kafka", settings => settings.ConnectionString = "code:3"));

        Assert.Equal("named:2", fromConnectionString.GetRequiredService<KafkaSettings>().BootstrapServers);
        Assert.Equal("code:3", fromCode.GetRequiredService<KafkaSettings>().BootstrapServers);
    }

    [Fact]
    public void A_per_connection_subsection_overrides_the_section()
    {
        using var services = Build(new()
        {
            ["ConnectionStrings:objectstore"] = "Endpoint=http://127.0.0.1:9000;AccessKey=a;SecretKey=b",
            ["Aspire:Minio:Client:Bucket"] = "shared",
            ["Aspire:Minio:Client:objectstore:Bucket"] = "media",
        }, b => b.AddObjectStore("objectstore", defaultBucket: "fallback"));

        Assert.Equal("media", services.GetRequiredService<ObjectStoreSettings>().Bucket);
    }

    [Fact]
    public void Health_checks_can_be_switched_off_per_client()
    {
        using var on = Build(new() { ["ConnectionStrings:clickhouse"] = "Host=127.0.0.1;Port=8123" }, b => b.AddClickHouseClient("clickhouse"));
        using var off = Build(new()
        {
            ["ConnectionStrings:clickhouse"] = "Host=127.0.0.1;Port=8123",
            ["Aspire:ClickHouse:Client:DisableHealthChecks"] = "true",
        }, b => b.AddClickHouseClient("clickhouse"));

        Assert.Contains(HealthChecks(on), name => name == "ClickHouse");
        Assert.DoesNotContain(HealthChecks(off), name => name == "ClickHouse");
    }

    [Fact]
    public void A_missing_connection_string_names_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build([], b => b.AddObjectStore("objectstore", "media")));
        Assert.Contains("ConnectionStrings__objectstore", error.Message);
    }

    private static IEnumerable<string> HealthChecks(IServiceProvider services) =>
        services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);

    private static ServiceProvider Build(Dictionary<string, string?> configuration, Action<IHostApplicationBuilder> add)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        add(builder);
        return builder.Services.BuildServiceProvider();
    }
}
