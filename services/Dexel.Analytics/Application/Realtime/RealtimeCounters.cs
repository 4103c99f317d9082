using System.Globalization;
using Dexel.Analytics.Application.Ingestion;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dexel.Analytics.Application.Realtime;

public sealed class RealtimeOptions
{
    /// <summary>Prefix of every key, so several deployments (or test fixtures) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "analytics:";
    public TimeSpan ListenerWindow { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed record TrendingTrack(Guid TrackId, string Title, string Artist, string? Genre, double RecentPlays, double Rise);

public sealed record RealtimeSnapshot(long ListenersNow, long PlaysLastMinute, IReadOnlyList<long> PlaysPerMinute, IReadOnlyList<TrendingTrack> Trending);

/// <summary>
/// Time-bucketed counters in Redis, updated from each stored batch (so a redelivery is not
/// counted twice): plays per second and per minute, plays per track per minute (sorted sets),
/// listeners per 10 seconds (HyperLogLogs), when each listener's profile last changed, and
/// track titles. Redis being away only degrades these; the ingestion never waits for it.
/// </summary>
public sealed class RealtimeCounters(IConnectionMultiplexer redis, IOptions<RealtimeOptions> options, TimeProvider clock, ILogger<RealtimeCounters> logger)
{
    private static readonly TimeSpan BucketLifetime = TimeSpan.FromHours(3);
    private string P => options.Value.KeyPrefix;

    /// <summary>
    /// A handful of commands a batch, whatever its size: multi-member HSET, PFADD and ZADD, and
    /// per-track counts summed into their minute's sorted set with one ZUNIONSTORE (Redis has no
    /// multi-member ZINCRBY; one command per track and listener cost more CPU than storing the
    /// batch, and a script of ZINCRBYs saved too little to be worth one).
    /// </summary>
    public void Record(IReadOnlyList<EventRow> stored)
    {
        if (stored.Count == 0 || !redis.IsConnected) return;
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            var db = redis.GetDatabase();
            var batch = db.CreateBatch();
            foreach (var track in stored.Where(r => r.Table == EventTable.Tracks))
                _ = batch.HashSetAsync(P + "track:" + track.Get<Guid>("track_id"),
                    [new("title", track.Get<string>("title")), new("artist", track.Get<string>("artist")), new("genre", track.Get<string>("genre"))],
                    CommandFlags.FireAndForget);

            var plays = Plays(stored, now);
            var ids = new RedisIds();
            foreach (var second in plays.Where(p => p.IsStart).GroupBy(p => p.Second))
                Increment(batch, $"{P}plays:s:{second.Key}", second.Count(), TimeSpan.FromMinutes(3));
            foreach (var minute in plays.Where(p => p.IsStart).GroupBy(p => p.Second / 60))
            {
                Increment(batch, $"{P}plays:m:{minute.Key}", minute.Count(), BucketLifetime);
                AddTo(batch, $"{P}tracks:m:{minute.Key}", [.. minute.CountBy(p => p.Track).Select(c => new SortedSetEntry(ids[c.Key], c.Value))]);
            }
            // When each listener's profile last changed, so cached profiles know they are stale;
            // in milliseconds rounded up, so a change never looks older than it is. A hash a day:
            // HSET costs Redis half what ZADD does, and a day's hash expires whole.
            var changedAt = (RedisValue)ActivityScore(now).ToString(CultureInfo.InvariantCulture);
            HashEntry[] changed = [.. stored.Where(r => r.Table == EventTable.Plays || r.Table == EventTable.Likes).Select(r => r.Get<Guid>("user_id"))
                .Distinct().Select(listener => new HashEntry(ids[listener], changedAt))];
            if (changed.Length > 0) _ = RecordActivity(batch, now, changed, CommandFlags.FireAndForget);

            // Listeners by the 10 seconds they played in, as HyperLogLogs: a count within about 1%
            // for a fraction of a sorted set's CPU, and no account ids kept.
            var windowStart = FirstListenerBucket(Seconds(now));
            foreach (var bucket in plays.GroupBy(p => p.Second / ListenerBucketSeconds).Where(b => b.Key >= windowStart))
            {
                var key = ListenersKey(bucket.Key);
                _ = batch.HyperLogLogAddAsync(key, [.. bucket.Select(p => p.User).Distinct().Select(user => ids[user])], CommandFlags.FireAndForget);
                _ = batch.KeyExpireAsync(key, options.Value.ListenerWindow + TimeSpan.FromMinutes(1), CommandFlags.FireAndForget);
            }
            batch.Execute();
        }
        catch (Exception ex) // counters are best effort: nothing here may reach ingestion
        {
            logger.LogWarning(ex, "Real-time counters not updated");
        }
    }

    /// <summary>Adds each entry's score to its member's in <paramref name="key"/>: a ZADD to a scratch key, then one ZUNIONSTORE (atomic, so replicas may record at once).</summary>
    private void AddTo(IBatch batch, RedisKey key, SortedSetEntry[] increments)
    {
        var scratch = (RedisKey)$"{P}scratch:{Guid.NewGuid():N}";
        _ = batch.SortedSetAddAsync(scratch, increments, CommandFlags.FireAndForget);
        _ = batch.SortedSetCombineAndStoreAsync(SetOperation.Union, key, [key, scratch], flags: CommandFlags.FireAndForget);
        _ = batch.KeyDeleteAsync(scratch, CommandFlags.FireAndForget);
        _ = batch.KeyExpireAsync(key, BucketLifetime, CommandFlags.FireAndForget);
    }

    private static double ActivityScore(DateTime utc) => Math.Ceiling((utc - DateTime.UnixEpoch).TotalMilliseconds);

    private RedisKey ActivityKey(DateTime utc) => $"{P}activity:{utc:yyyyMMdd}";

    /// <summary>A last day of activity reaches into yesterday's hash.</summary>
    private RedisKey[] ActivityDays(DateTime now) => [ActivityKey(now), ActivityKey(now.AddDays(-1))];

    private Task RecordActivity(IDatabaseAsync db, DateTime now, HashEntry[] changed, CommandFlags flags) => Task.WhenAll(
        db.HashSetAsync(ActivityKey(now), changed, flags),
        db.KeyExpireAsync(ActivityKey(now), ActivityLifetime * 2, flags: flags));

    /// <summary>How long a listener's last change is remembered; a cached profile lives well within it.</summary>
    public static readonly TimeSpan ActivityLifetime = TimeSpan.FromDays(1);

    private const int ListenerBucketSeconds = 10;

    private RedisKey ListenersKey(long bucket) => $"{P}listeners:{bucket}";

    private long FirstListenerBucket(long nowSeconds) => (nowSeconds - (long)options.Value.ListenerWindow.TotalSeconds) / ListenerBucketSeconds;

    /// <summary>
    /// A deleted account's plays and likes are going, a change like any other, so anything cached
    /// from them is read again. ClickHouse removes them in the background within seconds, so the
    /// change is dated a minute ahead: a copy read meanwhile is not kept either. The entry goes
    /// with its day's hash. The account still counts among the listeners of the last few minutes
    /// until its plays leave the window: those counts hold no account ids.
    /// </summary>
    public Task MarkDeletedAsync(Guid userId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var db = redis.GetDatabase();
        return Task.WhenAll(
            RecordActivity(db, now, [new(userId.ToString(), ActivityScore(now.AddMinutes(1)))], CommandFlags.None),
            db.HashDeleteAsync(ActivityDays(now)[1], userId.ToString()));
    }

    /// <summary>
    /// When the listener's plays or likes last changed in ClickHouse (stored before this is
    /// written); null when nothing changed within <see cref="ActivityLifetime"/>.
    /// </summary>
    /// <exception cref="RedisException">Redis cannot tell.</exception>
    public async Task<DateTime?> LastActivityAsync(Guid userId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var db = redis.GetDatabase();
        var days = await Task.WhenAll(ActivityDays(now).Select(day => db.HashGetAsync(day, userId.ToString())));
        if (days.Where(score => !score.IsNull).Select(score => (double?)(double)score).Max() is not { } latest) return null;
        var at = DateTime.UnixEpoch.AddMilliseconds(latest);
        return now - at < ActivityLifetime ? at : null;
    }

    public async Task<RealtimeSnapshot> SnapshotAsync(int trendingLimit)
    {
        var db = redis.GetDatabase();
        var now = Seconds(clock.GetUtcNow().UtcDateTime);
        var seconds = await db.StringGetAsync(Enumerable.Range(0, 60).Select(i => (RedisKey)$"{P}plays:s:{now - i}").ToArray());
        var minutes = await db.StringGetAsync(Enumerable.Range(0, 60).Select(i => (RedisKey)$"{P}plays:m:{now / 60 - 59 + i}").ToArray());
        var firstBucket = FirstListenerBucket(now);
        var buckets = Enumerable.Range(0, (int)(now / ListenerBucketSeconds - firstBucket) + 1).Select(i => ListenersKey(firstBucket + i));
        var listeners = await db.HyperLogLogLengthAsync([.. buckets]);
        return new RealtimeSnapshot(listeners, seconds.Sum(v => (long)v), minutes.Select(v => (long)v).ToList(), await TrendingAsync(trendingLimit));
    }

    private sealed record TrendingChart(DateTimeOffset ComputedAt, Task<List<TrendingTrack>> Tracks);

    private const int TrendingLength = 100;
    private volatile TrendingChart? _trending;

    /// <summary>
    /// Tracks played more in the last 15 minutes than their rate over the hour before predicts.
    /// The same for everyone and a union of 75 sorted sets to compute, so it is computed at most
    /// once a second (at full length; shorter lists are its head) and shared.
    /// </summary>
    public async Task<IReadOnlyList<TrendingTrack>> TrendingAsync(int limit)
    {
        var now = clock.GetUtcNow();
        var chart = _trending;
        if (chart is null || now - chart.ComputedAt >= TimeSpan.FromSeconds(1) || chart.Tracks.IsFaulted)
            _trending = chart = new TrendingChart(now, ComputeTrendingAsync(TrendingLength));
        return [.. (await chart.Tracks).Take(limit)];
    }

    private async Task<List<TrendingTrack>> ComputeTrendingAsync(int limit)
    {
        var db = redis.GetDatabase();
        var minute = Seconds(clock.GetUtcNow().UtcDateTime) / 60;
        var keys = Enumerable.Range(0, 75).Select(i => (RedisKey)$"{P}tracks:m:{minute - i}").ToArray();
        var weights = Enumerable.Range(0, 75).Select(i => i < 15 ? 1.0 : -0.25).ToArray();
        var recentKeys = keys[..15];
        var scratch = (RedisKey)$"{P}trending:{Guid.NewGuid():N}";
        var recentScratch = (RedisKey)$"{P}trending:{Guid.NewGuid():N}";
        try
        {
            // Every read below goes out at once on the multiplexer's pipeline: one round trip's
            // wait per step, not one per track (the home screen waits for this section).
            await Task.WhenAll(
                db.SortedSetCombineAndStoreAsync(SetOperation.Union, scratch, keys, weights),
                db.SortedSetCombineAndStoreAsync(SetOperation.Union, recentScratch, recentKeys));
            var rising = await db.SortedSetRangeByScoreWithScoresAsync(scratch, 0, double.PositiveInfinity, Exclude.Start, Order.Descending, 0, limit);
            var details = rising.Select(entry => (
                Entry: entry,
                Info: db.HashGetAsync(P + "track:" + entry.Element, ["title", "artist", "genre"]),
                Recent: db.SortedSetScoreAsync(recentScratch, entry.Element))).ToList();
            await Task.WhenAll(details.SelectMany(d => new Task[] { d.Info, d.Recent }));
            return details.Select(d =>
            {
                var info = d.Info.Result;
                return new TrendingTrack(Guid.Parse(d.Entry.Element.ToString()), info[0].ToString(), info[1].ToString(),
                    info[2].IsNullOrEmpty ? null : info[2].ToString(), d.Recent.Result ?? 0, d.Entry.Score);
            }).ToList();
        }
        finally
        {
            _ = db.KeyDeleteAsync([scratch, recentScratch], CommandFlags.FireAndForget);
        }
    }

    private readonly record struct Play(long Second, Guid User, Guid Track, bool IsStart);

    private static readonly int PlayUser = EventTable.Plays.IndexOf("user_id"), PlayTrack = EventTable.Plays.IndexOf("track_id"), PlayType = EventTable.Plays.IndexOf("type");

    /// <summary>The batch's plays of the last two hours (older ones fall outside every counter).</summary>
    private static List<Play> Plays(IReadOnlyList<EventRow> stored, DateTime now)
    {
        var plays = new List<Play>(stored.Count);
        foreach (var row in stored)
            if (row.Table == EventTable.Plays && now - row.OccurredAt < TimeSpan.FromHours(2) && row.OccurredAt <= now.AddMinutes(1))
                plays.Add(new Play(Seconds(row.OccurredAt), (Guid)row.Values[PlayUser], (Guid)row.Values[PlayTrack], (string)row.Values[PlayType] == "started"));
        return plays;
    }

    /// <summary>
    /// Each id of a batch formatted once, as the UTF-8 bytes Redis stores: a batch names tens of
    /// thousands of listeners, some in three commands, and strings would be formatted and then
    /// encoded again for each.
    /// </summary>
    private sealed class RedisIds
    {
        private readonly Dictionary<Guid, RedisValue> _formatted = [];

        public RedisValue this[Guid id]
        {
            get
            {
                if (_formatted.TryGetValue(id, out var value)) return value;
                var utf8 = new byte[36];
                id.TryFormat(utf8, out _, "D");
                return _formatted[id] = utf8;
            }
        }
    }

    private static long Seconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    private static void Increment(IBatch batch, string key, long by, TimeSpan lifetime)
    {
        _ = batch.StringIncrementAsync(key, by, CommandFlags.FireAndForget);
        _ = batch.KeyExpireAsync(key, lifetime, CommandFlags.FireAndForget);
    }
}
