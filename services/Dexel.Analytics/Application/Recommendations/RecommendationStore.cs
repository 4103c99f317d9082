using Dexel.Analytics.Application.Reports;
using Dexel.Analytics.Infrastructure;

namespace Dexel.Analytics.Application.Recommendations;

/// <summary>A listener's feedback per track, the tracks they played in the last day, and those they like.</summary>
public sealed record ListenerProfile(Dictionary<Guid, float> Weights, HashSet<Guid> JustPlayed, HashSet<Guid> Liked);

public sealed record CatalogTrack(Guid TrackId, string Title, string Artist, string Genre, DateTime PublishedAt, long RecentPlays);

/// <summary>What the recommender reads from and writes to ClickHouse.</summary>
public sealed class RecommendationStore(AnalyticsStore store)
{
    /// <summary>Per user and track: completions minus skips, and 3 more for a track the user likes now.</summary>
    public const string WeightSql = "countIf(type = 'completed') - countIf(type = 'skipped')";
    public const float LikeWeight = 3;

    public async Task<List<Interaction>> InteractionsAsync(CancellationToken ct)
    {
        var plays = await store.QueryAsync($"""
            SELECT toString(user_id) AS u, toString(track_id) AS t, {WeightSql} AS w FROM plays_by_user GROUP BY user_id, track_id
            """, ct);
        var likes = await store.QueryAsync("""
            SELECT toString(user_id) AS u, toString(track_id) AS t FROM likes_by_user
            GROUP BY user_id, track_id HAVING argMax(liked, occurred_at) = 1
            """, ct);
        var weights = plays.ToDictionary(r => (r.Guid("u"), r.Guid("t")), r => (float)r.Long("w"));
        foreach (var like in likes)
        {
            var key = (like.Guid("u"), like.Guid("t"));
            weights[key] = weights.GetValueOrDefault(key) + LikeWeight;
        }
        return weights.Select(pair => new Interaction(pair.Key.Item1, pair.Key.Item2, pair.Value)).ToList();
    }

    /// <summary>Every published track with its plays over the last 7 days (popularity, for cold start).</summary>
    public async Task<List<CatalogTrack>> CatalogAsync(CancellationToken ct)
    {
        var rows = await store.QueryAsync($"""
            SELECT toString(track_id) AS id, title, artist, genre, toUnixTimestamp(published_at) AS published, plays
            FROM ({TrackCatalog.Latest})
            ANY LEFT JOIN (
                SELECT track_id, sumMerge(plays) AS plays FROM track_plays_hourly
                WHERE hour >= toStartOfHour(now() - 7 * 86400) GROUP BY track_id
            ) USING track_id
            """, ct);
        return rows.Select(r => new CatalogTrack(r.Guid("id"), r.String("title"), r.String("artist"), r.String("genre"), r.Time("published"), r.Long("plays"))).ToList();
    }

    public async Task<ListenerProfile> ProfileAsync(Guid userId, CancellationToken ct)
    {
        // Both at once: a request waits for the slower of the two reads, not their sum.
        var playsQuery = store.QueryAsync($"""
            SELECT toString(track_id) AS t, {WeightSql} AS w, max(occurred_at) >= now() - 86400 AS recent
            FROM plays_by_user WHERE user_id = {Sql.Uuid(userId)} GROUP BY track_id
            """, ct);
        var likesQuery = store.QueryAsync($"""
            SELECT toString(track_id) AS t FROM likes_by_user WHERE user_id = {Sql.Uuid(userId)}
            GROUP BY track_id HAVING argMax(liked, occurred_at) = 1
            """, ct);
        var (plays, likes) = (await playsQuery, await likesQuery);
        var profile = plays.ToDictionary(r => r.Guid("t"), r => (float)r.Long("w"));
        foreach (var like in likes) profile[like.Guid("t")] = profile.GetValueOrDefault(like.Guid("t")) + LikeWeight;
        return new ListenerProfile(profile, plays.Where(r => r.Long("recent") == 1).Select(r => r.Guid("t")).ToHashSet(), likes.Select(r => r.Guid("t")).ToHashSet());
    }

    public async Task SaveAsync(ulong version, ItemSimilarityModel model, int interactions, CancellationToken ct)
    {
        var rows = model.Neighbors.SelectMany(pair => pair.Value.Select((n, rank) => new object[] { version, pair.Key, n.TrackId, (ushort)rank, n.Score }));
        await store.InsertAsync("recommendation_neighbors", ["version", "track_id", "neighbor_id", "rank", "score"],
            new Dictionary<string, string> { ["version"] = "UInt64", ["track_id"] = "UUID", ["neighbor_id"] = "UUID", ["rank"] = "UInt16", ["score"] = "Float32" },
            rows, ct);
        // The model row last: a model is served only once all its neighbours are stored.
        await store.ExecuteAsync($"INSERT INTO recommendation_models VALUES ({version}, now(), {interactions}, {model.Neighbors.Count})", ct);
    }

    public async Task<(ulong Version, DateTime TrainedAt, ItemSimilarityModel Model)?> LoadLatestAsync(CancellationToken ct)
    {
        var latest = await store.QueryAsync("SELECT version, toUnixTimestamp(trained_at) AS at FROM recommendation_models ORDER BY version DESC LIMIT 1", ct);
        if (latest.Count == 0) return null;
        var version = (ulong)latest[0].Long("version");
        var rows = await store.QueryAsync($"""
            SELECT toString(track_id) AS t, toString(neighbor_id) AS n, score FROM recommendation_neighbors
            WHERE version = {version} ORDER BY track_id, rank
            """, ct);
        var neighbors = rows.GroupBy(r => r.Guid("t"))
            .ToDictionary(g => g.Key, g => g.Select(r => new Neighbor(r.Guid("n"), (float)r.Double("score"))).ToArray());
        return (version, latest[0].Time("at"), new ItemSimilarityModel(neighbors));
    }
}
