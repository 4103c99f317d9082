namespace Dexel.Analytics.Application.Reports;

/// <summary>SQL for the newest published form of each track (a track can be published again with new details).</summary>
public static class TrackCatalog
{
    public static readonly string Latest = Select("");

    /// <summary>
    /// The same for only the tracks in <paramref name="trackIds"/> (a subquery or a list of ids): a listener's
    /// page or period names a few tracks, and the whole catalog need not be aggregated for them.
    /// </summary>
    public static string Of(string trackIds) => Select($"WHERE track_id IN ({trackIds})");

    private static string Select(string where) => $"""
        SELECT track_id,
               argMax(title, occurred_at) AS title, argMax(artist, occurred_at) AS artist,
               argMax(genre, occurred_at) AS genre, argMax(owner_id, occurred_at) AS owner_id,
               argMax(duration_ms, occurred_at) AS duration_ms, min(occurred_at) AS published_at
        FROM tracks {where} GROUP BY track_id
        """;
}
