using StackExchange.Redis;

namespace Dexel.Auth.Application.Security;

/// <summary>
/// Limits wrong passwords where a signed-in user must confirm theirs (account deletion), so a
/// stolen access token cannot be used to guess the password behind it.
/// </summary>
public sealed class PasswordConfirmationThrottle(IConnectionMultiplexer redis, IConfiguration configuration)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private int Limit => configuration.GetValue("Auth:MaxFailedPasswordConfirmations", 5);

    /// <returns>How long to wait before trying again, or null when an attempt may be made.</returns>
    public async Task<TimeSpan?> RetryAfterAsync(Guid userId)
    {
        var db = redis.GetDatabase();
        var failures = (int?)await db.StringGetAsync(Key(userId)) ?? 0;
        return failures >= Limit ? await db.KeyTimeToLiveAsync(Key(userId)) ?? Window : null;
    }

    public async Task RecordFailureAsync(Guid userId)
    {
        var db = redis.GetDatabase();
        if (await db.StringIncrementAsync(Key(userId)) == 1) await db.KeyExpireAsync(Key(userId), Window);
    }

    private static RedisKey Key(Guid userId) => $"password-confirmation-failures:{userId}";
}
