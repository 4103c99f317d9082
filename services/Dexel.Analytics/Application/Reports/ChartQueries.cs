using Dexel.Analytics.Infrastructure;

namespace Dexel.Analytics.Application.Reports;

/// <summary>
/// Top tracks and artists. Short periods read the raw plays (exact window); month and all read
/// the hourly roll-up, so their window starts at the top of the hour. Every chart is the same for
/// every caller: its longest form is computed once and shared (<see cref="ReportCache"/>).
/// </summary>
public sealed class ChartQueries(AnalyticsStore store, TimeProvider clock, ReportCache cache)
{
    /// <summary>The longest chart a caller can ask for; shorter ones are its first entries.</summary>
    public const int ChartLength = 100;

    public async Task<List<TopTrack>> TopTracksAsync(string period, string? genre, int limit, CancellationToken ct)
    {
        var trimmedGenre = genre?.Trim() ?? "";
        var chart = await cache.GetAsync($"top-tracks|{period}|{trimmedGenre}",
            token => ComputeTopTracksAsync(period, trimmedGenre, token), ct);
        return chart.Take(limit).ToList();
    }

    public async Task<List<TopArtist>> TopArtistsAsync(string period, int limit, CancellationToken ct)
    {
        var chart = await cache.GetAsync($"top-artists|{period}", token => ComputeTopArtistsAsync(period, token), ct);
        return chart.Take(limit).ToList();
    }

    private async Task<List<TopTrack>> ComputeTopTracksAsync(string period, string genre, CancellationToken ct)
    {
        const int limit = ChartLength;
        var start = Periods.Start(period, clock.GetUtcNow().UtcDateTime);
        var genreFilter = genre == "" ? "" :
            $"AND track_id IN (SELECT track_id FROM ({TrackCatalog.Latest}) WHERE lower(genre) = lower({Sql.String(genre)}))";
        var rows = await store.QueryAsync($"""
            SELECT toString(track_id) AS id, title, artist, plays, listeners, completions
            FROM ({Counts(period, start, genreFilter)})
            ANY LEFT JOIN ({TrackCatalog.Latest}) USING track_id
            ORDER BY plays DESC, id LIMIT {limit}
            """, ct);
        return rows.Select(r => new TopTrack(r.Guid("id"), r.String("title"), r.String("artist"), r.Long("plays"), r.Long("listeners"),
            Rate(r.Long("completions"), r.Long("plays")))).ToList();
    }

    private async Task<List<TopArtist>> ComputeTopArtistsAsync(string period, CancellationToken ct)
    {
        const int limit = ChartLength;
        var start = Periods.Start(period, clock.GetUtcNow().UtcDateTime);
        var rows = await store.QueryAsync(UsesRollup(period)
            ? $"""
              SELECT artist, sumMerge(plays) AS plays, uniqMerge(listeners) AS listeners
              FROM track_plays_hourly ANY INNER JOIN ({TrackCatalog.Latest}) USING track_id
              {(start is { } s ? $"WHERE hour >= toStartOfHour({Sql.Time(s)})" : "")}
              GROUP BY artist HAVING plays > 0 ORDER BY plays DESC, artist LIMIT {limit}
              """
            : $"""
              SELECT artist, countIf(type = 'started') AS plays, uniqIf(user_id, type = 'started') AS listeners
              FROM plays ANY INNER JOIN ({TrackCatalog.Latest}) USING track_id
              WHERE occurred_at >= {Sql.Time(start!.Value)}
              GROUP BY artist HAVING plays > 0 ORDER BY plays DESC, artist LIMIT {limit}
              """, ct);
        return rows.Select(r => new TopArtist(r.String("artist"), r.Long("plays"), r.Long("listeners"))).ToList();
    }

    private static bool UsesRollup(string period) => period is "month" or "all";

    private static string Counts(string period, DateTime? start, string filter) => UsesRollup(period)
        ? $"""
          SELECT track_id, sumMerge(plays) AS plays, uniqMerge(listeners) AS listeners, sumMerge(completions) AS completions
          FROM track_plays_hourly WHERE 1 {(start is { } s ? $"AND hour >= toStartOfHour({Sql.Time(s)})" : "")} {filter}
          GROUP BY track_id HAVING plays > 0
          """
        : $"""
          SELECT track_id, countIf(type = 'started') AS plays, uniqIf(user_id, type = 'started') AS listeners,
                 countIf(type = 'completed') AS completions
          FROM plays WHERE occurred_at >= {Sql.Time(start!.Value)} {filter}
          GROUP BY track_id HAVING plays > 0
          """;

    public static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round(Math.Min(1.0, (double)part / whole), 4);
}
