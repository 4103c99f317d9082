using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Dexel.Gateway.Security;

/// <summary>
/// Rejects tokens whose session has ended (logout, refresh-token reuse). Auth keeps sessions in
/// Redis as "session:{sid}"; a live session is remembered here for 4 seconds, so a logout takes
/// effect at the gateway within the promised 5 seconds without a Redis call per request.
/// If Redis is unreachable, tokens are accepted on signature alone (they live 15 minutes).
/// </summary>
public sealed class SessionCheck(IConnectionMultiplexer redis, TimeProvider clock, ILogger<SessionCheck> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(4);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _liveUntil = new();

    public async Task<bool> IsLiveAsync(string sessionId)
    {
        var now = clock.GetUtcNow();
        if (_liveUntil.TryGetValue(sessionId, out var until) && until > now) return true;

        try
        {
            if (!await redis.GetDatabase().KeyExistsAsync($"session:{sessionId}")) return false;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Session store unreachable; accepting token of session {SessionId} on its signature", sessionId);
            return true;
        }

        if (_liveUntil.Count > 100_000) _liveUntil.Clear();
        _liveUntil[sessionId] = now + CacheFor;
        return true;
    }
}
