using System.Net;
using Dexel.Testing;

namespace Dexel.Auth.Tests;

/// <summary>Gateway and auth sharing a Redis of their own, which the test stops.</summary>
public class PrivateRedisFixture : AuthFixture
{
    public PrivateServer Redis { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        Redis = await PrivateServer.StartRedisAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        base.Configure(service, environment);
        environment["ConnectionStrings__redis"] = Redis.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed class RedisOutageTests(PrivateRedisFixture app) : IClassFixture<PrivateRedisFixture>
{
    [Fact]
    public async Task Without_redis_the_gateway_keeps_serving_with_local_limits_and_reports_degraded()
    {
        var user = await app.RegisterAsync();
        using var client = app.CreateAuthorizedClient(user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));

        await app.Redis.StopAsync();

        await Eventually.TrueAsync(async () => await client.GetStringAsync("/health") == "Degraded",
            TimeSpan.FromSeconds(30), "the gateway should report Degraded without Redis");
        using var served = await client.GetAsync("/api/v1/users/me");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("100", served.Headers.GetValues("RateLimit-Limit").Single());
    }
}
