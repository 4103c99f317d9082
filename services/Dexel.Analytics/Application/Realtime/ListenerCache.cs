using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Dexel.Analytics.Application.Realtime;

/// <summary>
/// What is read from a listener's plays and likes (their recommendation profile, the first page
/// of their history) changes only when they play or like something. It is kept in memory until
/// the real-time counters record a newer change of that listener (one Redis read a request), so
/// a play or like stored is seen at once. When Redis cannot tell, it is read afresh.
/// </summary>
public sealed class ListenerCache<T>(RealtimeCounters activity, TimeProvider clock, ILogger<ListenerCache<T>> logger) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ActivityTimeout = TimeSpan.FromMilliseconds(250);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    private sealed record Cached(T Value, DateTime LoadedAt);

    /// <param name="variant">Tells apart several values of one listener (a page's length, say).</param>
    public async Task<T> GetAsync(Guid userId, int variant, Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        DateTime? changed;
        try
        {
            changed = await activity.LastActivityAsync(userId).WaitAsync(ActivityTimeout, ct);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Redis cannot say whether {UserId}'s listening changed; reading it afresh", userId);
            return await load(ct);
        }

        var key = (userId, variant);
        if (_cache.TryGetValue(key, out Cached? cached) && (changed is null || changed <= cached!.LoadedAt))
            return cached!.Value;

        // Taken before the read: a change stored while it runs marks this copy stale at once.
        var loadedAt = clock.GetUtcNow().UtcDateTime;
        var value = await load(ct);
        _cache.Set(key, new Cached(value, loadedAt), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return value;
    }

    public void Dispose() => _cache.Dispose();
}
