namespace Dexel.Platform.Tests;

public sealed class HealthTests(AllServicesFixture app) : IClassFixture<AllServicesFixture>
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
    public async Task Every_service_exposes_prometheus_metrics(string service)
    {
        using var client = app.CreateClient(service);
        await client.GetAsync("/health");

        // The meter adapter picks instruments up on its own schedule, so give it a few scrapes.
        await Dexel.Testing.Eventually.TrueAsync(async () =>
            (await client.GetStringAsync("/metrics")).Contains("microsoft_aspnetcore_hosting_http_server_request_duration"),
            TimeSpan.FromSeconds(30), "ASP.NET Core's request duration should be exported");

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("# TYPE", metrics);
        Assert.DoesNotContain("private_internaldiagnostics", metrics);
    }
}
