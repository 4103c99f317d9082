using Dexel.Auth.Security;
using Dexel.Testing;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Dexel.Auth.Tests;

/// <summary>The throttle against a real Redis of its own: per account, and per client address across accounts.</summary>
public sealed class LoginThrottleTests
{
    [Fact]
    public async Task Failures_from_one_address_lock_that_address_out_for_every_account()
    {
        await using var redis = await PrivateServer.StartRedisAsync();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var throttle = new LoginThrottle(connection, Settings(perAccount: 5, perAddress: 3));

        for (var i = 0; i < 3; i++) await throttle.RecordFailureAsync($"victim{i}@example.com", "203.0.113.7");

        var wait = await throttle.RetryAfterAsync("someone-new@example.com", "203.0.113.7");
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Null(await throttle.RetryAfterAsync("someone-new@example.com", "198.51.100.1"));
    }

    [Fact]
    public async Task A_successful_login_clears_the_accounts_failures()
    {
        await using var redis = await PrivateServer.StartRedisAsync();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var throttle = new LoginThrottle(connection, Settings(perAccount: 2, perAddress: 3));

        await throttle.RecordFailureAsync("a@example.com", "192.0.2.1");
        await throttle.RecordFailureAsync("a@example.com", "192.0.2.2");
        Assert.NotNull(await throttle.RetryAfterAsync("a@example.com", "192.0.2.3"));

        await throttle.ResetAsync("a@example.com");

        Assert.Null(await throttle.RetryAfterAsync("a@example.com", "192.0.2.3"));
    }

    private static IConfiguration Settings(int perAccount, int perAddress) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:MaxFailedLoginsPerAccount"] = perAccount.ToString(),
            ["Auth:MaxFailedLoginsPerAddress"] = perAddress.ToString(),
        }).Build();
}
