using Dexel.Analytics.Application.Realtime;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Dexel.Analytics.Application.Recommendations;

/// <summary>A listener's feedback per track, the tracks they played in the last day, and those they like.</summary>
public sealed record ListenerProfile(Dictionary<Guid, float> Weights, HashSet<Guid> JustPlayed, HashSet<Guid> Liked);

/// <summary>
/// Reading a profile costs two ClickHouse queries, and it changes only when the listener plays or
/// likes something. It is kept in memory until the real-time counters say the listener changed
/// it (one Redis read a request), so what they just played is never recommended. When Redis
/// cannot tell, the profile is read afresh.
/// </summary>
public sealed class ListenerProfiles(RecommendationStore store, RealtimeCounters activity, TimeProvider clock, ILogger<ListenerProfiles> logger) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ActivityTimeout = TimeSpan.FromMilliseconds(250);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    private sealed record Cached(ListenerProfile Profile, DateTime LoadedAt);

    public async Task<ListenerProfile> GetAsync(Guid userId, CancellationToken ct)
    {
        DateTime? changed;
        try
        {
            changed = await activity.LastActivityAsync(userId).WaitAsync(ActivityTimeout, ct);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "Redis cannot say whether {UserId}'s profile changed; reading it afresh", userId);
            return await store.ProfileAsync(userId, ct);
        }

        if (_cache.TryGetValue(userId, out Cached? cached) && (changed is null || changed <= cached!.LoadedAt))
            return cached!.Profile;

        // Taken before the read: a change stored while it runs marks this copy stale at once.
        var loadedAt = clock.GetUtcNow().UtcDateTime;
        var profile = await store.ProfileAsync(userId, ct);
        _cache.Set(userId, new Cached(profile, loadedAt), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return profile;
    }

    public void Dispose() => _cache.Dispose();
}
