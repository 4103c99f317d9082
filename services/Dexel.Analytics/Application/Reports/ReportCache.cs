using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dexel.Analytics.Application.Reports;

public sealed class ReportCacheOptions
{
    /// <summary>How old a shared report may be when served; zero computes it on every request.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Past this, a report is not served any more while its refresh keeps failing.</summary>
    public int StaleLimitFactor { get; set; } = 10;
}

/// <summary>
/// The reports that are the same for every caller (charts, the admin overview) change slowly and
/// cost seconds over millions of plays, so each is computed once and shared. A report older than
/// <see cref="ReportCacheOptions.MaxAge"/> is still served while one background refresh replaces it
/// (stale-while-revalidate), so only the first request for a report waits for ClickHouse. A failed
/// refresh keeps the last report, up to <see cref="ReportCacheOptions.StaleLimitFactor"/> times the
/// maximum age; a failed first computation is not kept.
/// </summary>
public sealed class ReportCache(TimeProvider clock, IOptions<ReportCacheOptions> options, ILogger<ReportCache> logger) : IDisposable
{
    private static readonly TimeSpan ComputeTimeout = TimeSpan.FromSeconds(60);

    // Keys come from request parameters (a genre); the size limit bounds what callers can fill.
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    private sealed class Entry(Task<object> value, DateTimeOffset computedAt)
    {
        public Task<object> Value = value;
        public DateTimeOffset ComputedAt = computedAt;
        public Task? Refresh;
    }

    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
        where T : class
    {
        var maxAge = options.Value.MaxAge;
        if (maxAge <= TimeSpan.Zero) return await compute(cancellationToken);

        var entry = _entries.GetOrCreate(key, cached =>
        {
            cached.Size = 1;
            cached.SlidingExpiration = maxAge * options.Value.StaleLimitFactor;
            return new Entry(Run(compute), clock.GetUtcNow());
        })!;

        Task<object> value;
        lock (entry)
        {
            value = entry.Value;
            var age = clock.GetUtcNow() - entry.ComputedAt;
            if (value.IsCompletedSuccessfully && age > maxAge && entry.Refresh is null)
                // On the pool, so it cannot finish (and clear Refresh) before this assignment.
                entry.Refresh = Task.Run(() => RefreshAsync(key, entry, compute));
            if (value.IsCompletedSuccessfully && age > maxAge * options.Value.StaleLimitFactor)
                value = ServeRefreshed(entry);
        }

        try
        {
            return (T)await value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (value.IsFaulted)
        {
            _entries.Remove(key); // the next request tries again
            throw;
        }
    }

    private static async Task<object> ServeRefreshed(Entry entry)
    {
        await entry.Refresh!;
        Task<object> refreshed;
        lock (entry) refreshed = entry.Value;
        return await refreshed;
    }

    private async Task RefreshAsync<T>(string key, Entry entry, Func<CancellationToken, Task<T>> compute) where T : class
    {
        var started = clock.GetUtcNow();
        try
        {
            var fresh = await Run(compute);
            lock (entry) (entry.Value, entry.ComputedAt) = (Task.FromResult(fresh), started);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Refreshing the report {Report} failed; the last one is served meanwhile", key);
            lock (entry) if (clock.GetUtcNow() - entry.ComputedAt > options.Value.MaxAge * options.Value.StaleLimitFactor)
                entry.Value = Task.FromException<object>(ex);
        }
        finally
        {
            lock (entry) entry.Refresh = null;
        }
    }

    // Shared by every waiting request, so no single caller's cancellation may stop it.
    private static async Task<object> Run<T>(Func<CancellationToken, Task<T>> compute) where T : class
    {
        using var timeout = new CancellationTokenSource(ComputeTimeout);
        return await compute(timeout.Token);
    }

    public void Dispose() => _entries.Dispose();
}
