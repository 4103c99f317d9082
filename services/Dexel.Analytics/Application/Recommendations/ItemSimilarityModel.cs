namespace Dexel.Analytics.Application.Recommendations;

/// <summary>One user's net feedback on one track: completions minus skips, plus a strong bonus for a like.</summary>
public readonly record struct Interaction(Guid UserId, Guid TrackId, float Weight);

public readonly record struct Neighbor(Guid TrackId, float Score);

/// <summary>
/// Item-item collaborative filtering on implicit feedback. Positive feedback becomes a
/// confidence c = ln(1 + w) (Hu, Koren and Volinsky's log scaling); two tracks are similar by
/// the cosine of their confidence vectors over users, damped by n/(n + shrinkage) so that a
/// pair seen together by a handful of users does not look as sure as one seen by hundreds.
/// Negative feedback (more skips than listens) never counts as similarity; serving treats it
/// as a dislike.
/// </summary>
public sealed class ItemSimilarityModel(IReadOnlyDictionary<Guid, Neighbor[]> neighbors)
{
    public IReadOnlyDictionary<Guid, Neighbor[]> Neighbors { get; } = neighbors;

    public static float Confidence(float weight) => weight > 0 ? MathF.Log(1 + weight) : 0;

    public static ItemSimilarityModel Train(IEnumerable<Interaction> interactions, int neighborsPerTrack = 50, float shrinkage = 5, int maxTracksPerUser = 500)
    {
        var trackIndex = new Dictionary<Guid, int>();
        var tracks = new List<Guid>();
        var byUser = new Dictionary<Guid, List<(int Track, float Confidence)>>();
        foreach (var interaction in interactions)
        {
            var confidence = Confidence(interaction.Weight);
            if (confidence <= 0) continue;
            if (!trackIndex.TryGetValue(interaction.TrackId, out var track))
            {
                track = tracks.Count;
                trackIndex[interaction.TrackId] = track;
                tracks.Add(interaction.TrackId);
            }
            if (!byUser.TryGetValue(interaction.UserId, out var list)) byUser[interaction.UserId] = list = [];
            list.Add((track, confidence));
        }

        // Users with enormous histories would dominate the pair count (n² pairs); keep their strongest tracks.
        var users = byUser.Values
            .Select(list => list.Count > maxTracksPerUser ? list.OrderByDescending(e => e.Confidence).Take(maxTracksPerUser).ToArray() : list.ToArray())
            .ToArray();
        var usersOfTrack = new List<(int User, float Confidence)>[tracks.Count];
        for (var t = 0; t < tracks.Count; t++) usersOfTrack[t] = [];
        var norms = new double[tracks.Count];
        for (var u = 0; u < users.Length; u++)
            foreach (var (track, confidence) in users[u])
            {
                usersOfTrack[track].Add((u, confidence));
                norms[track] += confidence * confidence;
            }
        for (var t = 0; t < norms.Length; t++) norms[t] = Math.Sqrt(norms[t]);

        var result = new Neighbor[tracks.Count][];
        Parallel.For(0, tracks.Count,
            () => (Dot: new double[tracks.Count], Count: new int[tracks.Count], Touched: new List<int>()),
            (i, _, scratch) =>
            {
                foreach (var (user, ci) in usersOfTrack[i])
                    foreach (var (j, cj) in users[user])
                    {
                        if (j == i) continue;
                        if (scratch.Count[j]++ == 0) scratch.Touched.Add(j);
                        scratch.Dot[j] += ci * cj;
                    }
                var best = new PriorityQueue<int, double>();
                foreach (var j in scratch.Touched)
                {
                    var n = scratch.Count[j];
                    var score = scratch.Dot[j] / (norms[i] * norms[j]) * (n / (n + shrinkage));
                    best.Enqueue(j, score);
                    if (best.Count > neighborsPerTrack) best.Dequeue();
                    scratch.Dot[j] = 0;
                    scratch.Count[j] = 0;
                }
                scratch.Touched.Clear();
                var top = new List<Neighbor>(best.Count);
                while (best.TryDequeue(out var j, out var score)) top.Add(new Neighbor(tracks[j], (float)score));
                top.Reverse();
                result[i] = [.. top];
                return scratch;
            },
            _ => { });

        return new ItemSimilarityModel(Enumerable.Range(0, tracks.Count).ToDictionary(t => tracks[t], t => result[t]));
    }

    /// <summary>
    /// Scores unseen tracks for a profile: Σ confidence(profile track) × similarity. Returns the
    /// best <paramref name="limit"/> with the profile track that contributed most (the reason).
    /// </summary>
    public List<(Guid TrackId, double Score, Guid Because)> Recommend(IReadOnlyDictionary<Guid, float> profile, ISet<Guid> exclude, int limit)
    {
        var scores = new Dictionary<Guid, (double Score, Guid Because, double Best)>();
        foreach (var (track, weight) in profile)
        {
            var confidence = Confidence(weight);
            if (confidence <= 0 || !Neighbors.TryGetValue(track, out var neighbors)) continue;
            foreach (var neighbor in neighbors)
            {
                if (exclude.Contains(neighbor.TrackId)) continue;
                var contribution = confidence * neighbor.Score;
                var current = scores.GetValueOrDefault(neighbor.TrackId);
                scores[neighbor.TrackId] = contribution > current.Best
                    ? (current.Score + contribution, track, contribution)
                    : (current.Score + contribution, current.Because, current.Best);
            }
        }
        return scores.OrderByDescending(s => s.Value.Score).ThenBy(s => s.Key).Take(limit)
            .Select(s => (s.Key, s.Value.Score, s.Value.Because)).ToList();
    }
}
