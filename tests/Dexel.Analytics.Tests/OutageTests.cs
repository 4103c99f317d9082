using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.Tests;

/// <summary>Analytics on a ClickHouse the test can stop, behind the gateway.</summary>
public sealed class OutageFixture : AnalyticsFixture
{
    public PrivateClickHouse ClickHouse { get; } = new();

    protected override IReadOnlyList<string> ServicesToStart => ["auth", "analytics", "gateway"];

    public override async ValueTask InitializeAsync()
    {
        await ClickHouse.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureMore(string service, IDictionary<string, string> environment)
    {
        if (service == "analytics") environment["ConnectionStrings__clickhouse"] = ClickHouse.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await ClickHouse.DisposeAsync();
    }
}

public sealed class OutageTests(OutageFixture app) : IClassFixture<OutageFixture>
{
    [Fact]
    public async Task With_clickhouse_down_ingestion_pauses_health_is_degraded_and_nothing_is_lost()
    {
        using var analytics = app.CreateClient("analytics");
        var track = Guid.NewGuid();
        var first = Enumerable.Range(0, 20).Select(_ => new SongPlayed(track, Guid.NewGuid(), "started", 0)).ToList();
        await app.PublishAsync(first);
        await app.WaitStoredAsync("plays", first);
        Assert.Equal("Healthy", await analytics.GetStringAsync("/health"));

        await app.ClickHouse.StopAsync();
        var during = Enumerable.Range(0, 30).Select(_ => new SongPlayed(track, Guid.NewGuid(), "completed", 1000)).ToList();
        await app.PublishAsync(during);
        await Eventually.TrueAsync(async () => await analytics.GetStringAsync("/health") == "Degraded",
            TimeSpan.FromSeconds(30), "health should say Degraded while ClickHouse is down");
        // Reports need ClickHouse: a 503 the client may retry, not a 500.
        using (var client = app.CreateClient(await app.RegisterAsync()))
        using (var report = await client.GetAsync("/api/v1/analytics/top-tracks?period=day"))
        {
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, report.StatusCode);
            Assert.Equal("application/problem+json", report.Content.Headers.ContentType?.MediaType);
        }

        await app.ClickHouse.StartAsync();
        await app.WaitStoredAsync("plays", during, TimeSpan.FromSeconds(60));
        Assert.Equal(first.Count + during.Count, await app.CountAsync("plays", $"track_id = '{track}'"));
        await Eventually.TrueAsync(async () => await analytics.GetStringAsync("/health") == "Healthy",
            TimeSpan.FromSeconds(30), "health should recover by itself");
    }
}
