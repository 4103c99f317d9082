using Dexel.Analytics.Infrastructure;

namespace Dexel.Analytics.Application.Reports;

public sealed class TrackStatsQueries(AnalyticsStore store, TimeProvider clock)
{
    /// <summary>Who published the track (from track.published), or null if analytics has not heard of it.</summary>
    public async Task<Guid?> UploaderAsync(Guid trackId, CancellationToken ct)
    {
        var rows = await store.QueryAsync($"SELECT toString(argMax(owner_id, occurred_at)) AS owner FROM tracks WHERE track_id = {Sql.Uuid(trackId)} HAVING count() > 0", ct);
        return rows.Count == 0 ? null : rows[0].Guid("owner");
    }

    public async Task<TrackStats> StatsAsync(Guid trackId, string period, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var start = Periods.Start(period, now);
        var where = $"track_id = {Sql.Uuid(trackId)}" + (start is { } s ? $" AND occurred_at >= {Sql.Time(s)}" : "");
        // Three independent reads, sent at once: the request waits for the slowest, not the sum.
        var totalsRead = store.QueryAsync($"""
            SELECT countIf(type = 'started') AS plays, uniqIf(user_id, type = 'started') AS listeners,
                   countIf(type = 'completed') AS completions, countIf(type = 'skipped') AS skips
            FROM plays_by_track WHERE {where}
            """, ct);
        var daysRead = store.QueryAsync($"""
            SELECT toString(toDate(occurred_at, 'UTC')) AS day, countIf(type = 'started') AS plays
            FROM plays_by_track WHERE {where} GROUP BY day HAVING plays > 0 ORDER BY day
            """, ct);
        var likesRead = store.QueryAsync($"""
            SELECT countIf(liked = 1) AS likes FROM (
                SELECT user_id, argMax(liked, occurred_at) AS liked FROM likes WHERE track_id = {Sql.Uuid(trackId)} GROUP BY user_id)
            """, ct);
        await Task.WhenAll(totalsRead, daysRead, likesRead);
        var (totals, days, likes) = ((await totalsRead).Single(), await daysRead, (await likesRead).Single());
        var plays = totals.Long("plays");
        return new TrackStats(plays, totals.Long("listeners"), likes.Long("likes"),
            ChartQueries.Rate(totals.Long("completions"), plays), ChartQueries.Rate(totals.Long("skips"), plays),
            days.Select(d => new DayPlays(DateOnly.Parse(d.String("day")), d.Long("plays"))).ToList());
    }
}
