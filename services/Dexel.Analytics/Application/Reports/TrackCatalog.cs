namespace Dexel.Analytics.Application.Reports;

/// <summary>SQL for the newest published form of each track (a track can be published again with new details).</summary>
public static class TrackCatalog
{
    public const string Latest = """
        SELECT track_id,
               argMax(title, occurred_at) AS title, argMax(artist, occurred_at) AS artist,
               argMax(genre, occurred_at) AS genre, argMax(owner_id, occurred_at) AS owner_id,
               argMax(duration_ms, occurred_at) AS duration_ms, min(occurred_at) AS published_at
        FROM tracks GROUP BY track_id
        """;
}
