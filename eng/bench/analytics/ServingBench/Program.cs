// Analytics under load, measured against the real services (Release builds) on the local servers:
//   1. ingestion: N song.played events waiting in Kafka until all are queryable, once with analytics
//      starting, then 5 rounds with analytics running (frozen while the events are produced);
//   2. 10 million plays in ClickHouse (the ingested ones plus a bulk insert), then p50/p95 of every
//      report, of recommendations and of the home screen, sequential requests through the gateway.
// Usage: ServingBench [events-to-ingest=150000] [total-plays=10000000] [requests-per-route=100]
// The Kafka stand-in (librdkafka's mock cluster) keeps about 5 MB a partition and drops older
// batches; compressed with LZ4 that is about 44,000 plays a partition, so a backlog larger than
// ~170,000 would be cut before analytics reads it.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Dexel.EventBus;
using Dexel.EventBus.IntegrationEvents;
using Dexel.Testing;
using Npgsql;
using ServingBench;

var ingestCount = args.Length > 0 ? int.Parse(args[0]) : 150_000;
var totalPlays = args.Length > 1 ? long.Parse(args[1]) : 10_000_000;
var requests = args.Length > 2 ? int.Parse(args[2]) : 100;
const int Tracks = 10_000, Listeners = 100_000;

await using var system = new BenchSystem();
Console.WriteLine("Starting auth, analytics, playlist, streaming and gateway (Release)...");
Console.WriteLine($"Raised for the run: gateway RateLimiting__FreePerMinute={BenchSystem.RaisedFreePerMinute}");
await system.InitializeAsync();
var clickhouse = new BenchClickHouse(system.ConnectionStringOf("analytics", "clickhouse"));

// 1. Ingestion. The catalog goes first, untimed: playlist consumes track.published into Postgres,
// and that work must be over before the timed backlog, or it would share the two cores with it.
using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
    { BootstrapServers = system.Kafka.ConnectionString, Acks = Acks.All, LingerMs = 20, BatchSize = 1_000_000, CompressionType = CompressionType.Lz4 }).Build();
Console.WriteLine($"Producing {Tracks:N0} tracks, and waiting until analytics and playlist have them...");
for (var i = 0; i < Tracks; i++)
    Produce(producer, new TrackPublished(Ids.Track(i), Ids.Listener(i), $"Track {i}", $"Artist {i % 800}", "Album", $"genre-{i % 12}", 200_000, [64, 128, 256]));
producer.Flush(TimeSpan.FromMinutes(5));
await using (var playlistDb = NpgsqlDataSource.Create(system.ConnectionStringOf("playlist", "playlistdb")))
{
    var waited = Stopwatch.StartNew();
    while (await clickhouse.CountAsync("tracks") < Tracks || Convert.ToInt64(await playlistDb.CreateCommand("SELECT count(*) FROM tracks").ExecuteScalarAsync()) < Tracks)
    {
        if (waited.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("the catalog was not consumed within 10 minutes");
        await Task.Delay(500);
    }
}

// Then the plays. First from a fresh start, as after a deployment: analytics stopped as a deployment
// stops it (SIGTERM; killed, it would not commit its last offsets and would read them again), the
// backlog produced, analytics started; its steady pace counts from the first stored batch, after
// the process started and joined the group, but still with its code being compiled as it runs.
// Then the running service, the target's figure: analytics frozen (SIGSTOP) while each round's
// backlog is produced, and thawed (SIGCONT) with all of it in Kafka, timed from the thaw. The
// freeze stays well inside the consumer group's 10 s session, so no rebalance is timed. The first
// rounds are not timed: they are the slowest, with the runtime still recompiling the hot paths,
// optimized (tiered compilation).
const int WarmRounds = 5, WarmUpRounds = 3;
await system.ShutDownServiceAsync("analytics");
Console.WriteLine($"From a fresh start: producing {ingestCount:N0} plays into Kafka (LZ4, as the services produce), then starting analytics...");
var before = await clickhouse.CountAsync("plays");
ProduceAll(producer, Plays(ingestCount));
var clock = Stopwatch.StartNew();
await system.StartServiceAsync("analytics");
var started = clock.Elapsed;
var analyticsPid = system.System.Services["analytics"].ProcessId;
var cold = await WatchAsync(before, clock);
var coldPace = (ingestCount - cold.FirstCount) / (cold.Done - cold.FirstSeen).TotalSeconds;
Console.WriteLine($"  {ingestCount:N0} plays queryable {cold.Done.TotalSeconds:F1} s after the start ({(cold.Done - started).TotalSeconds:F1} s after healthy); " +
                  $"steady pace {coldPace:N0} events/s; overall {ingestCount / (cold.Done - started).TotalSeconds:N0} events/s; CPU per event: {IngestionWatch.Describe(cold.Steady)}");

List<double> paces = [], cpuPerEvent = [];
for (var round = 1 - WarmUpRounds; round <= WarmRounds; round++)
{
    var messages = Plays(ingestCount); // serialized before the freeze, so the freeze is short
    before = await clickhouse.CountAsync("plays");
    Signal(analyticsPid, "STOP");
    var frozen = Stopwatch.StartNew();
    ProduceAll(producer, messages);
    if (frozen.Elapsed > TimeSpan.FromSeconds(8))
        throw new InvalidOperationException($"producing the backlog took {frozen.Elapsed.TotalSeconds:F1} s, too close to the group's 10 s session: a rebalance would be timed");
    clock.Restart();
    Signal(analyticsPid, "CONT");
    var warm = await WatchAsync(before, clock);
    var pace = ingestCount / warm.Done.TotalSeconds;
    if (round > 0)
    {
        paces.Add(pace);
        cpuPerEvent.Add(warm.CpuPerEvent);
    }
    Console.WriteLine($"{(round > 0 ? $"Round {round}" : $"Warm-up {round + WarmUpRounds} (untimed)")}: {ingestCount:N0} plays produced while analytics was frozen ({frozen.Elapsed.TotalSeconds:F1} s); " +
                      $"queryable {warm.Done.TotalSeconds:F2} s after the thaw: {pace:N0} events/s; CPU per event: {IngestionWatch.Describe(warm.Whole)}");
}
paces.Sort();
cpuPerEvent.Sort();
Console.WriteLine($"Ingestion by the running service, Kafka to queryable: median {paces[WarmRounds / 2]:N0} events/s ({paces[0]:N0}–{paces[^1]:N0}) over {WarmRounds} rounds; " +
                  $"analytics and ClickHouse together {cpuPerEvent[WarmRounds / 2]:F1} µs of CPU an event ({cpuPerEvent[0]:F1}–{cpuPerEvent[^1]:F1}), " +
                  $"a ceiling of {2e6 / cpuPerEvent[WarmRounds / 2]:N0} events/s on two cores of their own; from a fresh start, steady pace {coldPace:N0} events/s");

// Polls until this round's plays are all queryable; the CPU analytics and ClickHouse used is read
// from the first stored batch on (the cold round's steady stretch) and from the start (a warm round's).
async Task<IngestionWatch> WatchAsync(long countBefore, Stopwatch watch)
{
    var cpuAtStart = Cpu();
    TimeSpan? firstSeen = null;
    long firstCount = 0, stored;
    (double Analytics, double ClickHouse) cpuAtFirst = default;
    while ((stored = await clickhouse.CountAsync("plays") - countBefore) < ingestCount)
    {
        if (firstSeen is null && stored > 0) (firstSeen, firstCount, cpuAtFirst) = (watch.Elapsed, stored, Cpu());
        if (watch.Elapsed > TimeSpan.FromMinutes(20)) throw new TimeoutException($"only {stored:N0} of {ingestCount:N0} plays stored after 20 minutes");
        await Task.Delay(50);
    }
    if (stored != ingestCount) throw new InvalidOperationException($"{stored:N0} plays stored for {ingestCount:N0} produced");
    var done = watch.Elapsed;
    var cpuAtEnd = Cpu();
    return new IngestionWatch(firstSeen ?? TimeSpan.Zero, firstCount, done,
        Steady: MicrosecondsPerEvent(cpuAtFirst, ingestCount - firstCount), Whole: MicrosecondsPerEvent(cpuAtStart, ingestCount));

    (double Analytics, double ClickHouse) MicrosecondsPerEvent((double Analytics, double ClickHouse) since, long events) =>
        ((cpuAtEnd.Analytics - since.Analytics) * 1e6 / events, (cpuAtEnd.ClickHouse - since.ClickHouse) * 1e6 / events);
}

(double Analytics, double ClickHouse) Cpu() => (CpuSeconds(analyticsPid), CpuSeconds(ClickHousePid()));

// 2. Ten million plays: the rest by bulk insert, through the same materialized views.
var listener = await system.RegisterAsync();
var admin = await system.RegisterAdminAsync();
var bulk = Math.Max(0, totalPlays - (1 + WarmUpRounds + WarmRounds) * ingestCount - 3_000);
Console.WriteLine($"Bulk-inserting {bulk:N0} plays and 3,000 of the benchmark listener's own...");
var bulkClock = Stopwatch.StartNew();
if (bulk > 0) await clickhouse.ExecuteAsync(BenchClickHouse.GeneratedPlays(bulk, Tracks, Listeners, userId: null));
await clickhouse.ExecuteAsync(BenchClickHouse.GeneratedPlays(3_000, Tracks, Listeners, userId: listener.UserId));
Console.WriteLine($"  {await clickhouse.CountAsync("plays"):N0} plays in ClickHouse ({bulkClock.Elapsed.TotalSeconds:F0} s)");

var from = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
var to = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
var routes = new (string Name, Session Who, string Path)[]
{
    ("top-tracks week", listener, "/api/v1/analytics/top-tracks?period=week&limit=20"),
    ("top-tracks all", listener, "/api/v1/analytics/top-tracks?period=all&limit=20"),
    ("top-tracks day, genre", listener, "/api/v1/analytics/top-tracks?period=day&genre=genre-3&limit=20"),
    ("top-artists month", listener, "/api/v1/analytics/top-artists?period=month&limit=20"),
    ("trending", listener, "/api/v1/analytics/trending?limit=20"),
    ("me/history", listener, "/api/v1/me/history?limit=20"),
    // The first page is cached until the listener plays or likes something; an older page is read every time.
    ("me/history, older page", listener, $"/api/v1/me/history?limit=20&before={DateTime.UtcNow.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}"),
    ("me/stats month", listener, "/api/v1/me/stats?period=month"),
    ("tracks/{id}/stats month", admin, $"/api/v1/tracks/{Ids.Track(0)}/stats?period=month"),
    ("admin overview 30 days", admin, $"/api/v1/admin/analytics/overview?from={from}&to={to}"),
    ("admin voice week", admin, "/api/v1/admin/analytics/voice?period=week"),
    ("recommendations", listener, "/api/v1/recommendations?limit=10"),
    ("tracks/{id}/similar", listener, $"/api/v1/tracks/{Ids.Track(1)}/similar?limit=10"),
    ("home", listener, "/api/v1/home"),
};
// Every route's cold first request and two warm-ups, then rounds that visit every route in turn,
// so the shared machine's slow spells hit them all alike; p50 and p95 are the median (min–max)
// of the rounds'. Any answer but 2xx fails the run.
const int Rounds = 3;
using var direct = system.CreateAuthorizedClient(listener.AccessToken);
direct.BaseAddress = system.System.UrlOf("analytics");
List<(string Name, HttpClient Client, string Path)> cases =
    [.. routes.Select(r => (r.Name, system.CreateClient(r.Who), r.Path)), ("recommendations (direct)", direct, "/api/v1/recommendations?limit=10")];
var firsts = new Dictionary<string, double>();
foreach (var (name, client, path) in cases) firsts[name] = await Latency.WarmAsync(client, path);
var rounds = cases.ToDictionary(c => c.Name, _ => new List<List<double>>());
for (var round = 0; round < Rounds; round++)
    foreach (var (name, client, path) in cases) rounds[name].Add(await Latency.MeasureAsync(client, path, Math.Max(1, requests / Rounds)));

Console.WriteLine($"{Rounds} rounds of {Math.Max(1, requests / Rounds)} sequential requests a route, interleaved, after the first and 2 warm-ups; median (min–max) of the rounds:");
Console.WriteLine($"  {"route",-26} {"first ms",9} {"p50 ms",22} {"p95 ms",22} {"max ms",8}");
foreach (var (name, _, _) in cases)
{
    var runs = rounds[name];
    Console.WriteLine($"  {name,-26} {firsts[name],9:F1} {Latency.Spread(runs.Select(r => Latency.Percentile(r, 50))),22} " +
                      $"{Latency.Spread(runs.Select(r => Latency.Percentile(r, 95))),22} {runs.SelectMany(r => r).Max(),8:F1}");
}
foreach (var (_, client, _) in cases) client.Dispose();
return 0;

// Live traffic: plays over the last hour, a few tracks taking most of them.
List<Message<string, byte[]>> Plays(int count)
{
    var now = DateTime.UtcNow;
    return [.. Enumerable.Range(0, count).Select(i => Message(new SongPlayed(Ids.Track(Zipf(i, Tracks)), Ids.Listener(i * 7919 % Listeners), i % 3 == 0 ? "completed" : "started", 0)
        { OccurredAt = now.AddMilliseconds(-(i % 3_600_000)) }))];
}

static void Produce(IProducer<string, byte[]> producer, IntegrationEvent @event) => Send(producer, Topics.For(@event.GetType()), Message(@event));

static void ProduceAll(IProducer<string, byte[]> producer, List<Message<string, byte[]>> plays)
{
    foreach (var message in plays) Send(producer, Topics.For(typeof(SongPlayed)), message);
    producer.Flush(TimeSpan.FromMinutes(5));
}

static Message<string, byte[]> Message(IntegrationEvent @event) => new()
{
    Key = @event.AggregateKey,
    Value = EventSerializer.Serialize(@event),
    Headers = new Headers { { EventHeaders.EventId, Encoding.UTF8.GetBytes(@event.EventId.ToString()) } },
};

static void Send(IProducer<string, byte[]> producer, string topic, Message<string, byte[]> message)
{
    while (true)
    {
        try { producer.Produce(topic, message); return; }
        catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull) { producer.Poll(TimeSpan.FromMilliseconds(50)); }
    }
}

static void Signal(int pid, string signal)
{
    using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
    kill.WaitForExit();
    if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {pid} failed");
}

// utime + stime of a process, from /proc (Linux), in seconds.
static double CpuSeconds(int pid)
{
    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
}

static int ClickHousePid() => int.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, ".local", "clickhouse", "clickhouse.pid")).Trim());

static int Zipf(int i, int n) => (int)(Math.Pow((uint)HashCode.Combine(i) / (double)uint.MaxValue, 3) * n) % n;

internal sealed record IngestionWatch(TimeSpan FirstSeen, long FirstCount, TimeSpan Done,
    (double Analytics, double ClickHouse) Steady, (double Analytics, double ClickHouse) Whole)
{
    public double CpuPerEvent => Whole.Analytics + Whole.ClickHouse;
    public static string Describe((double Analytics, double ClickHouse) cpu) => $"analytics {cpu.Analytics:F1} µs, ClickHouse {cpu.ClickHouse:F1} µs";
}
