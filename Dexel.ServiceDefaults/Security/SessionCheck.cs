using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Rejects tokens whose session has ended (logout, refresh-token reuse, account deleted), in the
/// gateway and in every service alike. Auth keeps sessions in Redis as "session:{sid}"; a live
/// session is remembered for 4 seconds, so a logout takes effect within the promised 5 seconds
/// without a Redis call per request. When Redis fails, tokens are accepted on their signature
/// (they live 15 minutes) and Redis is not asked again for a few seconds, so an outage costs no
/// waiting on every request.
/// </summary>
public sealed class SessionCheck(IConnectionMultiplexer redis, TimeProvider clock, ILogger<SessionCheck> logger)
{
    public static RedisKey Key(string sessionId) => $"session:{sessionId}";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SkipRedisAfterFailure = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _liveUntil = new();
    private DateTimeOffset _redisFailedAt = DateTimeOffset.MinValue;

    public async Task<bool> IsLiveAsync(string sessionId)
    {
        var now = clock.GetUtcNow();
        if (_liveUntil.TryGetValue(sessionId, out var until) && until > now) return true;
        if (now - _redisFailedAt < SkipRedisAfterFailure) return true;
        if (!redis.IsConnected) return RedisFailed(sessionId, now);

        try
        {
            if (!await redis.GetDatabase().KeyExistsAsync(Key(sessionId)).WaitAsync(Deadline)) return false;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            return RedisFailed(sessionId, now);
        }

        if (_liveUntil.Count > 100_000) _liveUntil.Clear();
        _liveUntil[sessionId] = now + CacheFor;
        return true;
    }

    private bool RedisFailed(string sessionId, DateTimeOffset now)
    {
        logger.LogWarning("Session store unreachable; accepting tokens on their signature for {Seconds} s (session {SessionId})",
                SkipRedisAfterFailure.TotalSeconds, sessionId);
        _redisFailedAt = now;
        return true;
    }
}
