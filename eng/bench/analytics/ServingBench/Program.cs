// Analytics under load, measured against the real services (Release builds) on the local servers:
//   1. ingestion: N song.played events waiting in Kafka, analytics started, until all are queryable;
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

// Then the plays, in rounds: each time all in Kafka before analytics starts again, so the figure
// is analytics' own pace. The steady pace counts from the first stored batch: the seconds before
// it are the service starting and joining the consumer group. Analytics is stopped as a deployment
// stops it (SIGTERM): killed, it would not commit its last offsets and would read them again.
const int IngestionRounds = 3;
List<double> paces = [], cpuPerEvent = [];
for (var round = 1; round <= IngestionRounds; round++)
{
    await system.ShutDownServiceAsync("analytics"); // as a deployment stops it: offsets committed, the group left
    var before = await clickhouse.CountAsync("plays");
    Console.WriteLine($"Round {round}: producing {ingestCount:N0} plays into Kafka (LZ4, as the services produce)...");
    var now = DateTime.UtcNow;
    for (var i = 0; i < ingestCount; i++)
        Produce(producer, new SongPlayed(Ids.Track(Zipf(i, Tracks)), Ids.Listener(i * 7919 % Listeners), i % 3 == 0 ? "completed" : "started", 0)
            { OccurredAt = now.AddMilliseconds(-(i % 3_600_000)) }); // live traffic: the last hour
    producer.Flush(TimeSpan.FromMinutes(5));

    var clock = Stopwatch.StartNew();
    await system.StartServiceAsync("analytics");
    var started = clock.Elapsed;
    var analyticsPid = system.System.Services["analytics"].ProcessId;
    TimeSpan? firstSeen = null;
    long firstCount = 0, stored;
    (double Analytics, double ClickHouse) cpuAtFirst = default;
    while ((stored = await clickhouse.CountAsync("plays") - before) < ingestCount)
    {
        if (firstSeen is null && stored > 0) (firstSeen, firstCount, cpuAtFirst) = (clock.Elapsed, stored, (CpuSeconds(analyticsPid), CpuSeconds(ClickHousePid())));
        if (clock.Elapsed > TimeSpan.FromMinutes(20)) throw new TimeoutException($"only {stored:N0} of {ingestCount:N0} plays stored after 20 minutes");
        await Task.Delay(100);
    }
    if (stored != ingestCount) throw new InvalidOperationException($"{stored:N0} plays stored for {ingestCount:N0} produced");
    var done = clock.Elapsed;
    var pace = (ingestCount - firstCount) / (done - (firstSeen ?? started)).TotalSeconds;
    paces.Add(pace);
    // CPU per event, which the other tenants of a shared machine change far less than the pace.
    var analyticsCpu = (CpuSeconds(analyticsPid) - cpuAtFirst.Analytics) * 1e6 / (ingestCount - firstCount);
    var clickHouseCpu = (CpuSeconds(ClickHousePid()) - cpuAtFirst.ClickHouse) * 1e6 / (ingestCount - firstCount);
    cpuPerEvent.Add(analyticsCpu + clickHouseCpu);
    Console.WriteLine($"  {ingestCount:N0} plays queryable {done.TotalSeconds:F1} s after the start ({(done - started).TotalSeconds:F1} s after healthy); " +
                      $"steady pace {pace:N0} events/s; overall {ingestCount / (done - started).TotalSeconds:N0} events/s; " +
                      $"CPU per event: analytics {analyticsCpu:F1} µs, ClickHouse {clickHouseCpu:F1} µs");
}
paces.Sort();
cpuPerEvent.Sort();
Console.WriteLine($"Ingestion, Kafka to queryable: median {paces[IngestionRounds / 2]:N0} events/s ({paces[0]:N0}–{paces[^1]:N0}) over {IngestionRounds} rounds; " +
                  $"analytics and ClickHouse together {cpuPerEvent[IngestionRounds / 2]:F1} µs of CPU an event ({cpuPerEvent[0]:F1}–{cpuPerEvent[^1]:F1}), " +
                  $"a ceiling of {2e6 / cpuPerEvent[IngestionRounds / 2]:N0} events/s on two cores of their own");

// 2. Ten million plays: the rest by bulk insert, through the same materialized views.
var listener = await system.RegisterAsync();
var admin = await system.RegisterAdminAsync();
var bulk = Math.Max(0, totalPlays - IngestionRounds * ingestCount - 3_000);
Console.WriteLine($"Bulk-inserting {bulk:N0} plays and 3,000 of the benchmark listener's own...");
var bulkClock = Stopwatch.StartNew();
await clickhouse.ExecuteAsync(BenchClickHouse.GeneratedPlays(bulk, Tracks, Listeners, userId: null));
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

static void Produce(IProducer<string, byte[]> producer, IntegrationEvent @event)
{
    var message = new Message<string, byte[]>
    {
        Key = @event.AggregateKey,
        Value = EventSerializer.Serialize(@event),
        Headers = new Headers { { EventHeaders.EventId, Encoding.UTF8.GetBytes(@event.EventId.ToString()) } },
    };
    while (true)
    {
        try { producer.Produce(Topics.For(@event.GetType()), message); return; }
        catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull) { producer.Poll(TimeSpan.FromMilliseconds(50)); }
    }
}

// utime + stime of a process, from /proc (Linux), in seconds.
static double CpuSeconds(int pid)
{
    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
}

static int ClickHousePid() => int.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, ".local", "clickhouse", "clickhouse.pid")).Trim());

// A few tracks take most plays, as in real charts.
static int Zipf(int i, int n) => (int)(Math.Pow((uint)HashCode.Combine(i) / (double)uint.MaxValue, 3) * n) % n;
