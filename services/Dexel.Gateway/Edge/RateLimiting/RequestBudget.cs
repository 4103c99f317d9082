using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dexel.Gateway.Edge.RateLimiting;

public readonly record struct BudgetDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);

/// <summary>
/// Fixed one-minute windows counted in Redis, so all gateway replicas share one budget per
/// caller, without a Redis round trip on the request's path: each replica decides from its own
/// count of the caller's requests, and sends their sum to Redis every
/// <see cref="RateLimitOptions.ShareEveryMilliseconds"/> without waiting; each answer raises the
/// local count to the shared one. A busy caller costs Redis ten commands a second, not one a
/// request. Only a caller's first request in a window on a replica waits for Redis, so a replica
/// joining a window starts from the shared count. One replica alone counts exactly; with several,
/// a replica can miss what the others admitted in the last interval plus a round trip, by which
/// the shared budget may be exceeded.
/// When Redis fails, each replica counts locally until Redis answers again (checked at most every
/// 5 s), and the health report says Degraded meanwhile.
/// </summary>
public sealed class RequestBudget(IConnectionMultiplexer redis, TimeProvider clock, IOptionsMonitor<RateLimitOptions> options,
    ILogger<RequestBudget> logger) : IHealthCheck
{
    private static readonly TimeSpan RetryRedisAfter = TimeSpan.FromSeconds(5);
    // A frozen Redis must not hold requests for the client library's whole 2 s timeout.
    private static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromSeconds(70);
    private Window _window = new(-1);
    private DateTimeOffset _redisFailedAt = DateTimeOffset.MinValue;

    public async ValueTask<BudgetDecision> SpendAsync(string caller, int limit)
    {
        var now = clock.GetUtcNow();
        var seconds = now.ToUnixTimeSeconds();
        var count = await CountAsync(caller, seconds / 60, now);
        return new BudgetDecision(count <= limit, limit, (int)Math.Max(0, limit - count), (int)(60 - seconds % 60));
    }

    private async ValueTask<long> CountAsync(string caller, long windowNumber, DateTimeOffset now)
    {
        var window = WindowOf(windowNumber);
        var redisUsable = RedisUsable(now);
        if (window.Counters.TryGetValue(caller, out var counter))
        {
            var count = Interlocked.Increment(ref counter.Value);
            if (redisUsable && counter.AddUnshared()) _ = ShareAsync(counter);
            return count;
        }

        var key = (RedisKey)$"ratelimit:{caller}:{windowNumber}";
        long? shared = redisUsable ? await IncrementSharedAsync(key, 1, Deadline) : null;
        counter = window.Counters.GetOrAdd(caller, static (_, key) => new Counter(key), key);
        var local = Interlocked.Increment(ref counter.Value);
        return shared is { } value ? counter.RaiseTo(value) : local;
    }

    /// <summary>
    /// Sends the counter's unshared increments once an interval has gathered them, one INCRBY at a
    /// time, until none are left. Nobody waits for it, so the client library's own timeout is
    /// deadline enough.
    /// </summary>
    private async Task ShareAsync(Counter counter)
    {
        var interval = TimeSpan.FromMilliseconds(options.CurrentValue.ShareEveryMilliseconds);
        while (await GatherAsync(counter, interval) is var increments and > 0)
        {
            if (await IncrementSharedAsync(counter.Key, increments, Timeout.InfiniteTimeSpan) is not { } shared)
            {
                counter.DoneSharing();
                return;
            }
            counter.RaiseTo(shared);
        }
        counter.DoneSharing();
        // An increment that arrived after the last INCRBY was sent and before sharing stopped.
        if (counter.ClaimPending()) _ = ShareAsync(counter);
    }

    private async Task<long> GatherAsync(Counter counter, TimeSpan interval)
    {
        if (interval > TimeSpan.Zero) await Task.Delay(interval, clock);
        return counter.TakeUnshared();
    }

    private async Task<long?> IncrementSharedAsync(RedisKey key, long increments, TimeSpan deadline)
    {
        try
        {
            var db = redis.GetDatabase();
            var count = await db.StringIncrementAsync(key, increments).WaitAsync(deadline);
            if (count == increments) await db.KeyExpireAsync(key, KeyLifetime, flags: CommandFlags.FireAndForget);
            return count;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            var now = clock.GetUtcNow();
            if (now - _redisFailedAt > RetryRedisAfter) logger.LogWarning(ex, "Rate-limit store unreachable; counting locally");
            _redisFailedAt = now;
            return null;
        }
    }

    private bool RedisUsable(DateTimeOffset now)
    {
        if (!redis.IsConnected) _redisFailedAt = now;
        return now - _redisFailedAt > RetryRedisAfter;
    }

    private Window WindowOf(long number)
    {
        var window = Volatile.Read(ref _window);
        if (window.Number == number) return window;
        // A new minute starts every count afresh; the previous minute's counters are dropped.
        var fresh = new Window(number);
        return Interlocked.CompareExchange(ref _window, fresh, window) == window ? fresh : Volatile.Read(ref _window);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected && clock.GetUtcNow() - _redisFailedAt > RetryRedisAfter
            ? HealthCheckResult.Healthy("Rate limits shared through Redis")
            : HealthCheckResult.Degraded("Redis is unreachable: rate limits are counted per gateway replica"));

    private sealed record Window(long Number)
    {
        public ConcurrentDictionary<string, Counter> Counters { get; } = new();
    }

    private sealed class Counter(RedisKey key)
    {
        public readonly RedisKey Key = key;
        public long Value;
        private long _unshared;
        private int _sharing;

        /// <summary>Records one increment for Redis; true when the caller must start sending (none is under way).</summary>
        public bool AddUnshared()
        {
            Interlocked.Increment(ref _unshared);
            return Interlocked.CompareExchange(ref _sharing, 1, 0) == 0;
        }

        public long TakeUnshared() => Interlocked.Exchange(ref _unshared, 0);

        public void DoneSharing() => Volatile.Write(ref _sharing, 0);

        public bool ClaimPending() => Volatile.Read(ref _unshared) > 0 && Interlocked.CompareExchange(ref _sharing, 1, 0) == 0;

        /// <summary>Takes the shared count when it is ahead (other replicas' requests); returns the count now.</summary>
        public long RaiseTo(long shared)
        {
            var current = Volatile.Read(ref Value);
            while (current < shared)
            {
                var seen = Interlocked.CompareExchange(ref Value, shared, current);
                if (seen == current) return shared;
                current = seen;
            }
            return current;
        }
    }
}
