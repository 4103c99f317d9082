using StackExchange.Redis;

namespace Dexel.Auth.Security;

/// <summary>
/// Counts failed logins per account and per client address in Redis (shared by replicas).
/// Past the limit, logins for that account or address are refused for the rest of the window.
/// </summary>
public sealed class LoginThrottle(IConnectionMultiplexer redis, IConfiguration configuration)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private int AccountLimit => configuration.GetValue("Auth:MaxFailedLoginsPerAccount", 5);
    private int AddressLimit => configuration.GetValue("Auth:MaxFailedLoginsPerAddress", 20);

    /// <returns>How long to wait before trying again, or null when a login may be attempted.</returns>
    public async Task<TimeSpan?> RetryAfterAsync(string email, string address)
    {
        var db = redis.GetDatabase();
        foreach (var (key, limit) in Keys(email, address))
        {
            var failures = (int?)await db.StringGetAsync(key) ?? 0;
            if (failures >= limit) return await db.KeyTimeToLiveAsync(key) ?? Window;
        }
        return null;
    }

    public async Task RecordFailureAsync(string email, string address)
    {
        var db = redis.GetDatabase();
        foreach (var (key, _) in Keys(email, address))
        {
            if (await db.StringIncrementAsync(key) == 1) await db.KeyExpireAsync(key, Window);
        }
    }

    public Task ResetAsync(string email) => redis.GetDatabase().KeyDeleteAsync(AccountKey(email));

    private IEnumerable<(RedisKey Key, int Limit)> Keys(string email, string address) =>
        [(AccountKey(email), AccountLimit), ($"login-failures:address:{address}", AddressLimit)];

    private static RedisKey AccountKey(string email) => $"login-failures:account:{email}";
}
