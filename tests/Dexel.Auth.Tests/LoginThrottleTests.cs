using Dexel.Auth.Application.Security;
using Dexel.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Dexel.Auth.Tests;

/// <summary>The throttle against a real Redis of its own: per account and address, per address, and the account's growing delay.</summary>
public sealed class LoginThrottleTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Failures_from_one_address_lock_that_address_out_for_every_account()
    {
        await using var redis = await PrivateServer.StartRedisAsync();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var throttle = Throttle(connection, perAddress: 3);

        for (var i = 0; i < 3; i++) await throttle.RecordFailureAsync($"victim{i}@example.com", "203.0.113.7");

        var wait = await throttle.RetryAfterAsync("someone-new@example.com", "203.0.113.7");
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Null(await throttle.RetryAfterAsync("someone-new@example.com", "198.51.100.1"));
    }

    [Fact]
    public async Task An_attacker_stops_himself_but_only_slows_the_owner_down()
    {
        await using var redis = await PrivateServer.StartRedisAsync();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var throttle = Throttle(connection);

        for (var i = 0; i < 5; i++) await throttle.RecordFailureAsync("owner@example.com", "203.0.113.66");

        // The attacker's address is stopped on this account for the window...
        var attacker = await throttle.RetryAfterAsync("owner@example.com", "203.0.113.66");
        Assert.NotNull(attacker);
        Assert.True(attacker.Value > TimeSpan.FromMinutes(14));
        // ...while from elsewhere the account only waits a moment after the last failure.
        var owner = await throttle.RetryAfterAsync("owner@example.com", "198.51.100.9");
        Assert.NotNull(owner);
        Assert.True(owner.Value <= TimeSpan.FromSeconds(1), $"waited {owner.Value}");
        _clock.Advance(TimeSpan.FromSeconds(1.1));
        Assert.Null(await throttle.RetryAfterAsync("owner@example.com", "198.51.100.9"));
    }

    [Fact]
    public async Task Each_further_failure_doubles_the_accounts_delay_up_to_30_seconds()
    {
        await using var redis = await PrivateServer.StartRedisAsync();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var throttle = Throttle(connection);

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 12; i++)
        {
            await throttle.RecordFailureAsync("guessed@example.com", $"192.0.2.{i}");
            waits.Add(await throttle.RetryAfterAsync("guessed@example.com", "198.51.100.200") ?? TimeSpan.Zero);
        }

        Assert.All(waits.Take(4), wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits.Skip(4).Select(w => (int)Math.Round(w.TotalSeconds)));
    }

    [Fact]
    public async Task A_successful_login_clears_the_accounts_failures()
    {
        await using var redis = await PrivateServer.StartRedisAsync();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var throttle = Throttle(connection, perPair: 2);

        await throttle.RecordFailureAsync("a@example.com", "192.0.2.1");
        await throttle.RecordFailureAsync("a@example.com", "192.0.2.1");
        Assert.NotNull(await throttle.RetryAfterAsync("a@example.com", "192.0.2.1"));

        await throttle.ResetAsync("a@example.com", "192.0.2.1");

        Assert.Null(await throttle.RetryAfterAsync("a@example.com", "192.0.2.1"));
    }

    private LoginThrottle Throttle(IConnectionMultiplexer redis, int perPair = 5, int perAddress = 20) =>
        new(redis, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:MaxFailedLoginsPerAccountAndAddress"] = perPair.ToString(),
            ["Auth:MaxFailedLoginsPerAddress"] = perAddress.ToString(),
        }).Build(), _clock);
}
