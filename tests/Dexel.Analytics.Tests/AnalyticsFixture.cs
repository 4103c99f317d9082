using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Dexel.EventBus;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.Tests;

[CollectionDefinition(Name)]
public sealed class AnalyticsCollection : ICollectionFixture<AnalyticsFixture>
{
    // One set of services for every class; the replay test restarts analytics, so classes take turns.
    public const string Name = "analytics";
}

/// <summary>Gateway, auth and analytics; other services' events arrive on Kafka as their outbox relays would send them.</summary>
public class AnalyticsFixture : DexelAppFixture
{
    private readonly Lazy<IProducer<string, byte[]>> _producer;

    public AnalyticsFixture() =>
        _producer = new(() => new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = Kafka.ConnectionString,
            AllowAutoCreateTopics = true,
            Acks = Acks.All,
            LingerMs = 5,
        }).Build());

    /// <summary>The analytics consumer group for the next start; a new one re-reads every topic from offset 0.</summary>
    public string ConsumerGroup { get; set; } = "analytics";

    /// <summary>How often analytics retrains its recommender after the next start.</summary>
    public TimeSpan TrainingInterval { get; set; } = TimeSpan.FromSeconds(2);

    protected override IReadOnlyList<string> ServicesToStart => ["auth", "analytics", "gateway"];

    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        // Fixtures share one Redis: real-time keys of their own.
        if (service == "analytics")
        {
            environment["Analytics__Realtime__KeyPrefix"] = $"analytics-{Suffix}:";
            environment["Analytics__Ingestion__GroupId"] = ConsumerGroup;
            environment["Analytics__Recommendations__TrainingInterval"] = TrainingInterval.ToString();
            environment["Logging__LogLevel__Dexel.Analytics.Application.Ingestion"] = "Debug";
            // Tests check each report against the plays they just stored; the shared-report cache
            // has its own tests (ReportCacheTests).
            environment["Analytics__Reports__MaxAge"] = "00:00:00";
        }
        // Tests poll the reports; the request budget is not what they test.
        if (service == "gateway") environment["RateLimiting__FreePerMinute"] = "100000";
        ConfigureMore(service, environment);
    }

    /// <summary>
    /// Started, every topic exists and analytics stores events from each. A topic appearing
    /// later would make the consumer group rebalance in the middle of a test.
    /// </summary>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (!ServicesToStart.Contains("analytics")) return;
        var user = Guid.NewGuid();
        var track = Guid.NewGuid();
        IntegrationEvent[] warmUp =
        [
            new UserRegistered(user, "warm@example.com", "Warm", "free"),
            new TrackPublished(track, user, "Warm-up", "Warm-up", null, null, 1000, [64]),
            new SongPlayed(track, user, "started", 0),
            new SongLiked(track, user, false),
            new PlaylistCreated(Guid.NewGuid(), user, "Warm-up", false),
            new VoiceCommandHandled(Guid.NewGuid(), user, "warm up", "warm-up", true),
        ];
        await PublishAsync(warmUp);
        foreach (var (table, @event) in new[] { "users", "tracks", "plays", "likes", "playlists", "voice_commands" }.Zip(warmUp))
            await WaitStoredAsync(table, [@event], TimeSpan.FromSeconds(120));
    }

    protected virtual void ConfigureMore(string service, IDictionary<string, string> environment) { }

    private Task<Session>? _admin;

    /// <summary>The fixture's one administrator, made by the operator's grant-admin command once.</summary>
    public new Task<Session> RegisterAdminAsync() => _admin ??= base.RegisterAdminAsync();

    /// <summary>Writes events to Kafka exactly as the owning services' outbox relays do.</summary>
    public async Task PublishAsync(params IEnumerable<IntegrationEvent> events)
    {
        var deliveries = events.Select(@event => _producer.Value.ProduceAsync(Topics.For(@event.GetType()), new Message<string, byte[]>
        {
            Key = @event.AggregateKey,
            Value = EventSerializer.Serialize(@event),
            Headers = new Headers { { EventHeaders.EventId, Encoding.UTF8.GetBytes(@event.EventId.ToString()) } },
        })).ToList();
        await Task.WhenAll(deliveries);
    }

    /// <summary>One event into every partition of its topic: once all are stored, everything before them was read.</summary>
    public async Task<List<IntegrationEvent>> PublishMarkersAsync(Func<IntegrationEvent> create, int partitions = 4)
    {
        var markers = new List<IntegrationEvent>();
        for (var partition = 0; partition < partitions; partition++)
        {
            var marker = create();
            await _producer.Value.ProduceAsync(new TopicPartition(Topics.For(marker.GetType()), new Partition(partition)),
                new Message<string, byte[]> { Key = marker.AggregateKey, Value = EventSerializer.Serialize(marker) });
            markers.Add(marker);
        }
        return markers;
    }

    public async Task<DeliveryResult<string, byte[]>> PublishRawAsync(string topic, string key, string payload) =>
        await _producer.Value.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes(payload) });

    public async Task<TrackPublished> PublishTrackAsync(Guid? owner = null, string title = "Song", string artist = "Artist", string genre = "jazz")
    {
        var track = NewTrack(owner, title, artist, genre);
        await PublishTracksAsync(track);
        return track;
    }

    public static TrackPublished NewTrack(Guid? owner = null, string title = "Song", string artist = "Artist", string genre = "jazz") =>
        new(Guid.CreateVersion7(), owner ?? Guid.NewGuid(), title, artist, "Album", genre, 180_000, [64, 128, 256]);

    /// <summary>
    /// Publishes and waits for the catalog copies: they arrive on their own topic, in no fixed
    /// order with the plays a test publishes next, and reports join to them.
    /// </summary>
    public async Task PublishTracksAsync(params IReadOnlyCollection<TrackPublished> tracks)
    {
        await PublishAsync(tracks);
        await WaitStoredAsync("tracks", tracks);
    }

    /// <summary>Rows in one of analytics' ClickHouse tables, counted without any de-duplication.</summary>
    public async Task<long> CountAsync(string table, string where)
    {
        var rows = await ClickHouseAsync($"SELECT count() AS n FROM {table} WHERE {where}");
        return long.Parse(rows[0].GetProperty("n").ToString());
    }

    public async Task<List<JsonElement>> ClickHouseAsync(string sql)
    {
        var parts = ConnectionStringOf("analytics", "clickhouse").Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        using var http = new HttpClient();
        var url = $"http://{parts["Host"]}:{parts["Port"]}/?user={parts["Username"]}&password={Uri.EscapeDataString(parts["Password"])}&database={parts["Database"]}";
        using var response = await http.PostAsync(url, new StringContent(sql + " FORMAT JSONEachRow"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(text);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
    }

    public static string InIds(IEnumerable<IntegrationEvent> events) => "event_id IN (" + string.Join(',', events.Select(e => $"'{e.EventId}'")) + ")";

    public Task WaitStoredAsync(string table, IReadOnlyCollection<IntegrationEvent> events, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(async () => await CountAsync(table, InIds(events)) >= events.Count,
            timeout ?? TimeSpan.FromSeconds(120), $"{events.Count} events should reach {table}");

    public async Task<JsonElement> GetJsonAsync(Session session, string path)
    {
        using var client = CreateClient(session);
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_producer.IsValueCreated) _producer.Value.Dispose();
        await base.DisposeAsync();
    }
}

public static class Plays
{
    public static SongPlayed Started(Guid track, Guid user, DateTime at) => new(track, user, "started", 0) { OccurredAt = at };

    public static SongPlayed Completed(Guid track, Guid user, DateTime at, long positionMs = 180_000) => new(track, user, "completed", positionMs) { OccurredAt = at };

    public static SongPlayed Skipped(Guid track, Guid user, DateTime at, long positionMs = 10_000) => new(track, user, "skipped", positionMs) { OccurredAt = at };

    /// <summary>A full listen: started, then completed.</summary>
    public static IEnumerable<SongPlayed> Listen(Guid track, Guid user, DateTime at) => [Started(track, user, at), Completed(track, user, at.AddMinutes(3))];
}
