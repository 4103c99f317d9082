using Dexel.Analytics.Application.Realtime;

namespace Dexel.Analytics.Application.Recommendations;

public sealed class RecommenderOptions
{
    public TimeSpan TrainingInterval { get; set; } = TimeSpan.FromMinutes(10);
    public int NeighborsPerTrack { get; set; } = 50;
}

public sealed record RecommendedTrack(Guid TrackId, string Title, string Artist, string? Genre, double Score, string Reason);

/// <summary>The model being served, with the catalog it was trained beside.</summary>
public sealed record RecommenderSnapshot(ulong Version, DateTime TrainedAt, ItemSimilarityModel Model, IReadOnlyDictionary<Guid, CatalogTrack> Catalog)
{
    public static readonly RecommenderSnapshot Empty = new(0, DateTime.MinValue, new ItemSimilarityModel(new Dictionary<Guid, Neighbor[]>()), new Dictionary<Guid, CatalogTrack>());

    // Sorted once per snapshot, not on every request: ordering 10,000 tracks per call dominated a request.
    private IReadOnlyList<CatalogTrack>? _popular;
    private ILookup<string, CatalogTrack>? _popularByGenre, _popularByArtist;

    public IReadOnlyList<CatalogTrack> Popular => _popular ??=
        [.. Catalog.Values.OrderByDescending(t => t.RecentPlays).ThenByDescending(t => t.PublishedAt).ThenBy(t => t.TrackId)];

    public IEnumerable<CatalogTrack> PopularInGenre(string genre) => (_popularByGenre ??= Popular.ToLookup(t => t.Genre))[genre];

    public IEnumerable<CatalogTrack> PopularByArtist(string artist) => (_popularByArtist ??= Popular.ToLookup(t => t.Artist))[artist];
}

/// <summary>
/// Serves recommendations from the current snapshot. Collaborative first; then content and
/// popularity for what it cannot cover: a new listener gets what is popular in the genres they
/// touched (likes included), or what is popular overall; a new track gets its artist's and
/// genre's tracks. Tracks played in the last day, tracks the listener already likes and tracks
/// they skip more than they finish are never recommended.
/// </summary>
public sealed class Recommender(RecommendationStore store, ListenerCache<ListenerProfile> profiles)
{
    private volatile RecommenderSnapshot _snapshot = RecommenderSnapshot.Empty;

    public RecommenderSnapshot Snapshot => _snapshot;

    public void Serve(RecommenderSnapshot snapshot) => _snapshot = snapshot;

    public async Task<List<RecommendedTrack>> ForUserAsync(Guid userId, int limit, CancellationToken ct)
    {
        var snapshot = _snapshot;
        var (profile, justPlayed, liked) = await profiles.GetAsync(userId, 0, read => store.ProfileAsync(userId, read), ct);
        var exclude = justPlayed.Concat(liked).Concat(profile.Where(p => p.Value < 0).Select(p => p.Key)).ToHashSet();
        var result = snapshot.Model.Recommend(profile, exclude, limit)
            .Where(r => snapshot.Catalog.ContainsKey(r.TrackId))
            .Select(r => Describe(snapshot, r.TrackId, r.Score, $"Because you listened to {Title(snapshot, r.Because)}"))
            .ToList();

        var taken = result.Select(r => r.TrackId).Concat(exclude).ToHashSet();
        var genres = profile.Where(p => p.Value > 0 && snapshot.Catalog.ContainsKey(p.Key))
            .GroupBy(p => snapshot.Catalog[p.Key].Genre).Where(g => g.Key != "")
            .OrderByDescending(g => g.Sum(p => p.Value)).Select(g => g.Key).ToList();
        foreach (var genre in genres)
            Fill(result, taken, limit, snapshot.PopularInGenre(genre), t => Describe(snapshot, t.TrackId, 0, $"Popular in {genre}"));
        Fill(result, taken, limit, snapshot.Popular, t => Describe(snapshot, t.TrackId, 0, "Popular now"));
        return result;
    }

    public List<RecommendedTrack> Similar(Guid trackId, int limit)
    {
        var snapshot = _snapshot;
        var seed = snapshot.Catalog.GetValueOrDefault(trackId);
        var result = snapshot.Model.Neighbors.GetValueOrDefault(trackId, [])
            .Where(n => snapshot.Catalog.ContainsKey(n.TrackId)).Take(limit)
            .Select(n => Describe(snapshot, n.TrackId, n.Score, $"Listeners of {Title(snapshot, trackId)} also play this"))
            .ToList();
        var taken = result.Select(r => r.TrackId).Append(trackId).ToHashSet();
        if (seed is not null)
        {
            Fill(result, taken, limit, snapshot.PopularByArtist(seed.Artist), t => Describe(snapshot, t.TrackId, 0, $"Also by {seed.Artist}"));
            if (seed.Genre != "")
                Fill(result, taken, limit, snapshot.PopularInGenre(seed.Genre), t => Describe(snapshot, t.TrackId, 0, $"More {seed.Genre}"));
        }
        return result;
    }

    /// <summary>
    /// An instant mix from a seed: the seed, then tracks close to it and to each other (the
    /// seed's neighbours, reinforced by their own neighbours), never one artist twice in a row.
    /// </summary>
    public List<RecommendedTrack> Mix(Guid seedId, int limit)
    {
        var snapshot = _snapshot;
        var scores = new Dictionary<Guid, double>();
        foreach (var first in snapshot.Model.Neighbors.GetValueOrDefault(seedId, []))
        {
            scores[first.TrackId] = scores.GetValueOrDefault(first.TrackId) + first.Score;
            foreach (var second in snapshot.Model.Neighbors.GetValueOrDefault(first.TrackId, []))
                if (second.TrackId != seedId) scores[second.TrackId] = scores.GetValueOrDefault(second.TrackId) + 0.5 * first.Score * second.Score;
        }
        var candidates = scores.Where(s => snapshot.Catalog.ContainsKey(s.Key)).OrderByDescending(s => s.Value).ThenBy(s => s.Key)
            .Select(s => Describe(snapshot, s.Key, s.Value, $"In the mood of {Title(snapshot, seedId)}")).ToList();
        var taken = candidates.Select(c => c.TrackId).Append(seedId).ToHashSet();
        foreach (var filler in Similar(seedId, limit)) if (taken.Add(filler.TrackId)) candidates.Add(filler);

        var mix = snapshot.Catalog.ContainsKey(seedId) ? new List<RecommendedTrack> { Describe(snapshot, seedId, 1, "Your seed") } : [];
        while (mix.Count < limit && candidates.Count > 0)
        {
            var next = candidates.FindIndex(c => mix.Count == 0 || c.Artist != mix[^1].Artist);
            if (next < 0) next = 0;
            mix.Add(candidates[next]);
            candidates.RemoveAt(next);
        }
        return mix;
    }

    private static void Fill(List<RecommendedTrack> result, HashSet<Guid> taken, int limit, IEnumerable<CatalogTrack> source, Func<CatalogTrack, RecommendedTrack> describe)
    {
        foreach (var track in source)
        {
            if (result.Count >= limit) return;
            if (taken.Add(track.TrackId)) result.Add(describe(track));
        }
    }

    private static RecommendedTrack Describe(RecommenderSnapshot snapshot, Guid trackId, double score, string reason)
    {
        var track = snapshot.Catalog[trackId];
        return new RecommendedTrack(trackId, track.Title, track.Artist, track.Genre == "" ? null : track.Genre, Math.Round(score, 4), reason);
    }

    private static string Title(RecommenderSnapshot snapshot, Guid trackId) =>
        snapshot.Catalog.TryGetValue(trackId, out var track) ? $"{track.Title} by {track.Artist}" : "a track you played";
}
