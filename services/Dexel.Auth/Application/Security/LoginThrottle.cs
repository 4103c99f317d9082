using StackExchange.Redis;

namespace Dexel.Auth.Application.Security;

/// <summary>
/// Slows password guessing without letting anyone lock an owner out (OWASP authentication
/// guidance), counted in Redis so every replica shares the counts:
/// - one address guessing one account is stopped after 5 failures for 15 minutes;
/// - one address guessing many accounts is stopped after 20 failures for 15 minutes;
/// - an account guessed at from many addresses is slowed, not locked: after 5 failures each
///   further attempt waits 1, 2, 4 ... at most 30 seconds after the last failure.
/// </summary>
public sealed class LoginThrottle(IConnectionMultiplexer redis, IConfiguration configuration, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private int PairLimit => configuration.GetValue("Auth:MaxFailedLoginsPerAccountAndAddress", 5);
    private int AddressLimit => configuration.GetValue("Auth:MaxFailedLoginsPerAddress", 20);
    private int FreeAccountFailures => configuration.GetValue("Auth:FailedLoginsBeforeDelay", 5);

    /// <returns>How long to wait before trying again, or null when a login may be attempted.</returns>
    public async Task<TimeSpan?> RetryAfterAsync(string email, string address)
    {
        var db = redis.GetDatabase();
        foreach (var (key, limit) in new[] { (PairKey(email, address), PairLimit), (AddressKey(address), AddressLimit) })
        {
            var failures = (int?)await db.StringGetAsync(key) ?? 0;
            if (failures >= limit) return await db.KeyTimeToLiveAsync(key) ?? Window;
        }

        var account = await db.HashGetAllAsync(AccountKey(email));
        var count = (int?)account.FirstOrDefault(e => e.Name == "count").Value ?? 0;
        var last = (long?)account.FirstOrDefault(e => e.Name == "last").Value;
        if (count < FreeAccountFailures || last is null) return null;
        var wait = DelayAfter(count - FreeAccountFailures) - (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(last.Value));
        return wait > TimeSpan.Zero ? wait : null;
    }

    public async Task RecordFailureAsync(string email, string address)
    {
        var db = redis.GetDatabase();
        foreach (var key in new[] { PairKey(email, address), AddressKey(address) })
        {
            if (await db.StringIncrementAsync(key) == 1) await db.KeyExpireAsync(key, Window);
        }
        var account = AccountKey(email);
        await db.HashIncrementAsync(account, "count");
        await db.HashSetAsync(account, "last", clock.GetUtcNow().ToUnixTimeMilliseconds());
        await db.KeyExpireAsync(account, Window);
    }

    /// <summary>After a successful login the account and this address's tries at it start afresh.</summary>
    public Task ResetAsync(string email, string address) =>
        redis.GetDatabase().KeyDeleteAsync([AccountKey(email), PairKey(email, address)]);

    public static TimeSpan DelayAfter(int extraFailures) =>
        TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Min(extraFailures, 10))));

    private static RedisKey AccountKey(string email) => $"login-failures:account:{email}";
    private static RedisKey PairKey(string email, string address) => $"login-failures:pair:{email}|{address}";
    private static RedisKey AddressKey(string address) => $"login-failures:address:{address}";
}
