using System.Diagnostics;
using Dexel.Analytics.Application.Recommendations;

// A generated world with planted taste groups: each listener mostly plays one group's tracks
// (popular ones more), sometimes anything, and skips some off-taste tracks. Each listener's
// last plays of tracks new to them are held out; the model, trained on the rest, must find them.
var seed = args.Length > 0 ? int.Parse(args[0]) : 42;
const int Users = 3000, Tracks = 1000, Groups = 10, PlaysPerUser = 40, HeldOut = 5, K = 10;
var random = new Random(seed);
var trackIds = Enumerable.Range(0, Tracks).Select(_ => Guid.NewGuid()).ToArray();
var userIds = Enumerable.Range(0, Users).Select(_ => Guid.NewGuid()).ToArray();

int PickInGroup(int group)
{
    // Zipf-like popularity inside the group.
    var rank = (int)Math.Min(Tracks / Groups - 1, Math.Floor(Math.Pow(random.NextDouble(), 2.0) * (Tracks / Groups)));
    return group * (Tracks / Groups) + rank;
}

var training = new List<Interaction>();
var holdout = new Dictionary<Guid, List<Guid>>();
var seenInTraining = new Dictionary<Guid, HashSet<Guid>>();
for (var u = 0; u < Users; u++)
{
    var group = u % Groups;
    var sequence = new List<(int Track, float Weight)>();
    for (var p = 0; p < PlaysPerUser; p++)
    {
        if (random.NextDouble() < 0.8) sequence.Add((PickInGroup(group), 1));
        else sequence.Add((random.Next(Tracks), random.NextDouble() < 0.5 ? -1 : 1)); // off-taste: often skipped
    }
    // Hold out the last plays of tracks this listener had not played before.
    var held = new List<Guid>();
    var earlier = new HashSet<int>();
    var cut = sequence.Count;
    for (var i = sequence.Count - 1; i >= 0 && held.Count < HeldOut; i--)
    {
        var track = sequence[i].Track;
        if (sequence.Take(i).Any(s => s.Track == track) || sequence[i].Weight < 0 || held.Contains(trackIds[track])) continue;
        held.Add(trackIds[track]);
        cut = i;
    }
    var train = sequence.Take(cut).Where(s => !held.Contains(trackIds[s.Track])).ToList();
    foreach (var g in train.GroupBy(s => s.Track))
        training.Add(new Interaction(userIds[u], trackIds[g.Key], g.Sum(s => s.Weight)));
    holdout[userIds[u]] = held;
    seenInTraining[userIds[u]] = train.Select(s => trackIds[s.Track]).ToHashSet();
}

var clock = Stopwatch.StartNew();
var model = ItemSimilarityModel.Train(training);
var trainSmall = clock.Elapsed;
var popularity = training.Where(i => i.Weight > 0).GroupBy(i => i.TrackId).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
var profiles = training.GroupBy(i => i.UserId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<Guid, float>)g.ToDictionary(i => i.TrackId, i => i.Weight));

double modelRecall = 0, modelNdcg = 0, popRecall = 0, popNdcg = 0;
var latencies = new List<double>();
foreach (var user in userIds)
{
    var exclude = seenInTraining[user];
    var timer = Stopwatch.StartNew();
    var recommended = model.Recommend(profiles.GetValueOrDefault(user, new Dictionary<Guid, float>()), exclude, K).Select(r => r.TrackId).ToList();
    latencies.Add(timer.Elapsed.TotalMilliseconds);
    // Like the service: fill with popular tracks when the model has fewer than K.
    foreach (var track in popularity) { if (recommended.Count >= K) break; if (!exclude.Contains(track) && !recommended.Contains(track)) recommended.Add(track); }
    var popular = popularity.Where(t => !exclude.Contains(t)).Take(K).ToList();
    (modelRecall, modelNdcg) = Add(modelRecall, modelNdcg, recommended, holdout[user]);
    (popRecall, popNdcg) = Add(popRecall, popNdcg, popular, holdout[user]);
}

static (double Recall, double Ndcg) Add(double recall, double ndcg, List<Guid> ranked, List<Guid> relevant)
{
    var hits = ranked.Select((t, i) => relevant.Contains(t) ? 1 / Math.Log2(i + 2) : 0).ToList();
    var ideal = Enumerable.Range(0, Math.Min(relevant.Count, ranked.Count)).Sum(i => 1 / Math.Log2(i + 2));
    return (recall + (double)ranked.Count(relevant.Contains) / relevant.Count, ndcg + (ideal == 0 ? 0 : hits.Sum() / ideal));
}

latencies.Sort();
Console.WriteLine($"data: {Users} users, {Tracks} tracks, {Groups} taste groups, {training.Count} training interactions, {HeldOut} held out per user (seed {seed})");
Console.WriteLine($"item-item   recall@10 {modelRecall / Users:0.000}  NDCG@10 {modelNdcg / Users:0.000}");
Console.WriteLine($"popularity  recall@10 {popRecall / Users:0.000}  NDCG@10 {popNdcg / Users:0.000}");
Console.WriteLine($"recall ratio model/popularity: {modelRecall / Math.Max(popRecall, 1e-9):0.00}x");
Console.WriteLine($"training ({training.Count} interactions): {trainSmall.TotalMilliseconds:0} ms; recommend p50 {latencies[latencies.Count / 2]:0.000} ms, p95 {latencies[(int)(latencies.Count * 0.95)]:0.000} ms (in process)");

// Training cost at 1 million interactions: 20,000 listeners x 50 tracks of 10,000.
var big = new List<Interaction>(1_000_000);
var bigTracks = Enumerable.Range(0, 10_000).Select(_ => Guid.NewGuid()).ToArray();
for (var u = 0; u < 20_000; u++)
{
    var user = Guid.NewGuid();
    var group = u % 50;
    foreach (var t in Enumerable.Range(0, 50).Select(_ => random.NextDouble() < 0.8 ? group * 200 + random.Next(200) : random.Next(10_000)).Distinct())
        big.Add(new Interaction(user, bigTracks[t], 1 + random.Next(3)));
}
clock.Restart();
var bigModel = ItemSimilarityModel.Train(big);
Console.WriteLine($"training on {big.Count:N0} interactions ({bigModel.Neighbors.Count:N0} tracks): {clock.Elapsed.TotalSeconds:0.0} s");
return modelRecall >= 2 * popRecall ? 0 : 1;
