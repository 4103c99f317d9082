using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dexel.Auth.Application.Security;

/// <summary>
/// Sessions live in Redis as "session:{sid}" → user id, with a sliding idle timeout (7 days).
/// The key name is a contract with the gateway, which rejects tokens whose session is gone.
/// </summary>
public sealed class SessionStore(IConnectionMultiplexer redis, IOptions<JwtOptions> options)
{
    public static RedisKey Key(Guid sessionId) => $"session:{sessionId}";

    public Task StartAsync(Guid sessionId, Guid userId) =>
        redis.GetDatabase().StringSetAsync(Key(sessionId), userId.ToString(), options.Value.SessionIdleTimeout);

    /// <returns>false when the session has ended (logged out, revoked or idle too long).</returns>
    public Task<bool> TouchAsync(Guid sessionId) =>
        redis.GetDatabase().KeyExpireAsync(Key(sessionId), options.Value.SessionIdleTimeout);

    public Task EndAsync(Guid sessionId) => redis.GetDatabase().KeyDeleteAsync(Key(sessionId));

    public async Task EndAllAsync(IReadOnlyCollection<Guid> sessionIds)
    {
        if (sessionIds.Count > 0) await redis.GetDatabase().KeyDeleteAsync(sessionIds.Select(Key).ToArray());
    }
}
