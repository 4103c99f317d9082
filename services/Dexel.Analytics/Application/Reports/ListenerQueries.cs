using Dexel.Analytics.Application.Realtime;
using Dexel.Analytics.Infrastructure;

namespace Dexel.Analytics.Application.Reports;

/// <summary>A listener's own history and statistics, from plays_by_user (ordered by user, then time).</summary>
public sealed class ListenerQueries(AnalyticsStore store, ListenerCache<HistoryPage> firstPages, TimeProvider clock)
{
    /// <summary>The first page (the home screen's recently played) is kept until the listener plays or likes something.</summary>
    public Task<HistoryPage> HistoryAsync(Guid userId, int limit, HistoryCursor? before, CancellationToken ct) =>
        before is null
            ? firstPages.GetAsync(userId, limit, read => ReadHistoryAsync(userId, limit, null, read), ct)
            : ReadHistoryAsync(userId, limit, before, ct);

    private async Task<HistoryPage> ReadHistoryAsync(Guid userId, int limit, HistoryCursor? before, CancellationToken ct)
    {
        var cursor = before is null ? "" :
            $"AND (occurred_at < {Sql.Time(before.At)} OR (occurred_at = {Sql.Time(before.At)} AND toString(event_id) < '{before.EventId}'))";
        // Two short statements instead of one join: the join ran the page's query twice (once
        // for the rows, once to name the tracks to look up), which cost more than a round trip.
        var rows = await store.QueryAsync($"""
            SELECT toString(event_id) AS eventId, toString(track_id) AS id, toUnixTimestamp(occurred_at) AS at, type FROM plays_by_user
            WHERE user_id = {Sql.Uuid(userId)} {cursor}
            ORDER BY occurred_at DESC, toString(event_id) DESC LIMIT {limit + 1}
            """, ct);
        var names = await TrackNamesAsync(rows.Select(r => r.Guid("id")).Distinct().ToList(), ct);
        var items = rows.Take(limit).Select(r =>
        {
            var (title, artist) = names.GetValueOrDefault(r.Guid("id"), ("", ""));
            return new HistoryItem(r.Guid("id"), title, artist, r.Time("at"), r.String("type"));
        }).ToList();
        var next = rows.Count > limit ? new HistoryCursor(rows[limit - 1].Time("at"), rows[limit - 1].Guid("eventId")).ToString() : null;
        return new HistoryPage(items, next);
    }

    private async Task<Dictionary<Guid, (string Title, string Artist)>> TrackNamesAsync(IReadOnlyList<Guid> trackIds, CancellationToken ct)
    {
        if (trackIds.Count == 0) return [];
        var rows = await store.QueryAsync($"SELECT toString(track_id) AS id, title, artist FROM ({TrackCatalog.Of(string.Join(", ", trackIds.Select(Sql.Uuid)))})", ct);
        return rows.ToDictionary(t => t.Guid("id"), t => (t.String("title"), t.String("artist")));
    }

    public async Task<ListenerStats> StatsAsync(Guid userId, string period, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var start = Periods.Start(period, now)!.Value;
        var where = $"user_id = {Sql.Uuid(userId)} AND occurred_at >= {Sql.Time(start)}";
        var days = await store.QueryAsync($"""
            SELECT toString(toDate(occurred_at, 'UTC')) AS day, countIf(type = 'started') AS plays,
                   sumIf(position_ms, type IN ('completed', 'skipped')) AS listenedMs
            FROM plays_by_user WHERE {where} GROUP BY day ORDER BY day
            """, ct);
        var tracks = await store.QueryAsync($"""
            SELECT toString(track_id) AS id, title, artist, genre, plays FROM (
                SELECT track_id, countIf(type = 'started') AS plays FROM plays_by_user WHERE {where} GROUP BY track_id HAVING plays > 0
            ) ANY LEFT JOIN ({TrackCatalog.Of($"SELECT track_id FROM plays_by_user WHERE {where}")}) USING track_id
            """, ct);

        var perDay = days.ToDictionary(d => DateOnly.Parse(d.String("day")), d => (Plays: d.Long("plays"), Ms: d.Long("listenedMs")));
        var minutesPerDay = new List<DayMinutes>();
        for (var day = DateOnly.FromDateTime(start); day <= DateOnly.FromDateTime(now); day = day.AddDays(1))
            minutesPerDay.Add(new DayMinutes(day, Math.Round(perDay.GetValueOrDefault(day).Ms / 60000.0, 1)));

        var byTrack = tracks.Select(t => (Id: t.Guid("id"), Title: t.String("title"), Artist: t.String("artist"), Genre: t.String("genre"), Plays: t.Long("plays"))).ToList();
        return new ListenerStats(
            MinutesListened: Math.Round(perDay.Values.Sum(d => d.Ms) / 60000.0, 1),
            Plays: perDay.Values.Sum(d => d.Plays),
            TopTracks: byTrack.OrderByDescending(t => t.Plays).ThenBy(t => t.Id).Take(5)
                .Select(t => new TrackCount(t.Id, t.Title, t.Artist, t.Plays)).ToList(),
            TopArtists: Top(byTrack.Where(t => t.Artist != ""), t => t.Artist, t => t.Plays),
            TopGenres: Top(byTrack.Where(t => t.Genre != ""), t => t.Genre, t => t.Plays),
            LongestStreakDays: LongestStreak(perDay.Where(d => d.Value.Plays > 0 || d.Value.Ms > 0).Select(d => d.Key)),
            MinutesPerDay: minutesPerDay);
    }

    private static List<NameCount> Top<T>(IEnumerable<T> items, Func<T, string> name, Func<T, long> plays) =>
        items.GroupBy(name).Select(g => new NameCount(g.Key, g.Sum(plays))).OrderByDescending(n => n.Plays).ThenBy(n => n.Name).Take(5).ToList();

    public static int LongestStreak(IEnumerable<DateOnly> activeDays)
    {
        int longest = 0, current = 0;
        DateOnly? previous = null;
        foreach (var day in activeDays.Distinct().Order())
        {
            current = previous is { } p && p.AddDays(1) == day ? current + 1 : 1;
            longest = Math.Max(longest, current);
            previous = day;
        }
        return longest;
    }
}
