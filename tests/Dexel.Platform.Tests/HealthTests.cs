namespace Dexel.Platform.Tests;

[Collection(AllServicesCollection.Name)]
public sealed class HealthTests(AllServicesFixture app)
{
    public static TheoryData<string> Services => new(AllServicesFixture.All);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_is_healthy_against_the_real_servers(string service)
    {
        using var client = app.CreateClient(service);

        using var health = await client.GetAsync("/health");
        using var alive = await client.GetAsync("/alive");

        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, alive.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_but_the_edge_exposes_prometheus_metrics(string service)
    {
        using var client = app.CreateClient(service);
        await client.GetAsync("/health");

        if (service == "gateway")
        {
            // The edge's /metrics would name upstream ports and counters to anyone; it exports by OTLP.
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
            return;
        }
        // The exporter collects on scrape; instruments made after start-up show too.
        await Dexel.Testing.Eventually.TrueAsync(async () =>
            (await client.GetStringAsync("/metrics")).Contains("http_server_request_duration_seconds"),
            TimeSpan.FromSeconds(30), "ASP.NET Core's request duration should be exported");

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("# TYPE", metrics);
        Assert.DoesNotContain("private_internaldiagnostics", metrics);
    }
}
