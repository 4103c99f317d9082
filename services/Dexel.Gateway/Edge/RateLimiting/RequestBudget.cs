using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Dexel.Gateway.Edge.RateLimiting;

public readonly record struct BudgetDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);

/// <summary>
/// Fixed one-minute windows counted in Redis, so all gateway replicas share one budget per
/// caller. When Redis fails, each replica counts locally until Redis answers again (checked at
/// most every 5 s), and the health report says Degraded meanwhile.
/// </summary>
public sealed class RequestBudget(IConnectionMultiplexer redis, TimeProvider clock, ILogger<RequestBudget> logger) : IHealthCheck
{
    private static readonly TimeSpan RetryRedisAfter = TimeSpan.FromSeconds(5);
    // A frozen Redis must not hold requests for the client library's whole 2 s timeout.
    private static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<string, int> _local = new();
    private long _localWindow;
    private DateTimeOffset _redisFailedAt = DateTimeOffset.MinValue;

    public async Task<BudgetDecision> SpendAsync(string caller, int limit)
    {
        var now = clock.GetUtcNow();
        var window = now.ToUnixTimeSeconds() / 60;
        var reset = (int)(60 - now.ToUnixTimeSeconds() % 60);
        var count = await CountAsync(caller, window, now);
        return new BudgetDecision(count <= limit, limit, Math.Max(0, limit - (int)count), reset);
    }

    private async Task<long> CountAsync(string caller, long window, DateTimeOffset now)
    {
        if (redis.IsConnected && now - _redisFailedAt > RetryRedisAfter)
        {
            try
            {
                var key = (RedisKey)$"ratelimit:{caller}:{window}";
                var db = redis.GetDatabase();
                var count = await db.StringIncrementAsync(key).WaitAsync(Deadline);
                if (count == 1) await db.KeyExpireAsync(key, TimeSpan.FromSeconds(70), flags: CommandFlags.FireAndForget);
                return count;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
            {
                logger.LogWarning(ex, "Rate-limit store unreachable; counting locally");
                _redisFailedAt = now;
            }
        }
        else if (!redis.IsConnected)
        {
            _redisFailedAt = now;
        }

        if (Interlocked.Exchange(ref _localWindow, window) != window) _local.Clear();
        return _local.AddOrUpdate(caller, 1, (_, count) => count + 1);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected && clock.GetUtcNow() - _redisFailedAt > RetryRedisAfter
            ? HealthCheckResult.Healthy("Rate limits shared through Redis")
            : HealthCheckResult.Degraded("Redis is unreachable: rate limits are counted per gateway replica"));
}
