using System.Text;
using Dexel.EventBus;
using Dexel.EventBus.DeadLetters;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.Tests;

[Collection(AnalyticsCollection.Name)]
public sealed class IngestionTests(AnalyticsFixture app)
{
    [Fact]
    public async Task Every_topic_lands_in_its_table()
    {
        var user = Guid.NewGuid();
        var track = new TrackPublished(Guid.CreateVersion7(), user, "Title", "Artist", null, "rock", 1000, [64]);
        IntegrationEvent[] events =
        [
            new UserRegistered(user, "a@example.com", "A", "free"),
            track,
            new SongPlayed(track.TrackId, user, "started", 0),
            new SongLiked(track.TrackId, user, true),
            new PlaylistCreated(Guid.NewGuid(), user, "Mix", true),
            new VoiceCommandHandled(Guid.NewGuid(), user, "play some jazz", "play", true, 420),
        ];
        await app.PublishAsync(events);

        foreach (var (table, @event) in new[] { "users", "tracks", "plays", "likes", "playlists", "voice_commands" }.Zip(events))
            await app.WaitStoredAsync(table, [@event]);
        // The views are written after their table, within the same insert.
        foreach (var view in new[] { "plays_by_user", "plays_by_track" }) await app.WaitStoredAsync(view, [events[2]]);
        Assert.Equal(1, await app.CountAsync("plays_by_user", $"user_id = '{user}'"));
        Assert.Equal(1, await app.CountAsync("plays_by_track", $"track_id = '{track.TrackId}'"));
        var voice = (await app.ClickHouseAsync($"SELECT transcript, intent, succeeded, latency_ms FROM voice_commands WHERE user_id = '{user}'")).Single();
        Assert.Equal("play some jazz", voice.GetProperty("transcript").GetString());
        Assert.Equal(420, voice.GetProperty("latency_ms").GetInt32());
    }

    [Fact]
    public async Task A_backlog_whose_ids_would_not_fit_in_one_statement_is_stored_whole()
    {
        // A backlog (here: analytics was away) is read in big batches; 10,000 event ids written into
        // the duplicate lookup's SQL once exceeded ClickHouse's 256 KiB statement limit and stalled
        // ingestion. The ids now travel as external data, whatever their number.
        var track = Guid.NewGuid();
        // Older than the real-time window (2 h), so the backlog moves no live counter other classes read.
        var at = DateTime.UtcNow.AddHours(-3);
        var plays = Enumerable.Range(0, 10_001).Select(i => Plays.Started(track, Guid.NewGuid(), at.AddSeconds(-i))).ToList();
        await app.StopServiceAsync("analytics");
        try
        {
            await app.PublishAsync(plays);
        }
        finally
        {
            await app.StartServiceAsync("analytics");
        }
        // An insert writes the table first and its materialized views after, so a reader can see a
        // batch in plays before plays_by_track: wait for both, then neither may hold a play twice.
        var where = $"track_id = '{track}'";
        await Eventually.TrueAsync(async () => await app.CountAsync("plays", where) >= plays.Count && await app.CountAsync("plays_by_track", where) >= plays.Count,
            TimeSpan.FromSeconds(120), "every play of the backlog should be stored, in the table and its view", TimeSpan.FromSeconds(1));
        Assert.Equal(plays.Count, await app.CountAsync("plays", where));
        Assert.Equal(plays.Count, await app.CountAsync("plays_by_track", where));
    }

    [Fact]
    public async Task Poison_events_go_to_the_dead_letter_topic_with_reason_and_position_and_the_next_events_are_stored()
    {
        var key = Guid.NewGuid().ToString();
        var garbage = await app.PublishRawAsync(Topics.SongPlayed, key, "{\"trackId\": 12");
        var unknownType = await app.PublishRawAsync(Topics.SongPlayed, key,
            $"{{\"eventId\":\"{Guid.NewGuid()}\",\"occurredAt\":\"{DateTime.UtcNow:O}\",\"trackId\":\"{Guid.NewGuid()}\",\"userId\":\"{Guid.NewGuid()}\",\"type\":\"paused\",\"positionMs\":5}}");
        var after = new SongPlayed(Guid.NewGuid(), Guid.NewGuid(), "completed", 1000);
        await app.PublishAsync(after);

        await app.WaitStoredAsync("plays", [after]);
        var dead = await KafkaProbe.ReadAsync(app.Kafka.ConnectionString, DeadLetterPublisher.TopicFor(Topics.SongPlayed),
            m => m.Message.Key == key, expected: 2, TimeSpan.FromSeconds(30));

        Assert.Equal(2, dead.Count);
        var byOffset = dead.ToDictionary(d => Header(d, DeadLetterPublisher.OffsetHeader));
        Assert.Contains("Unreadable payload", Header(byOffset[garbage.Offset.Value.ToString()], DeadLetterPublisher.ReasonHeader));
        Assert.Contains("Unknown playback type 'paused'", Header(byOffset[unknownType.Offset.Value.ToString()], DeadLetterPublisher.ReasonHeader));
        Assert.All(dead, d => Assert.Equal(garbage.Partition.Value.ToString(), Header(d, DeadLetterPublisher.PartitionHeader)));
        Assert.All(dead, d => Assert.Equal("analytics", Header(d, DeadLetterPublisher.ConsumerHeader)));
    }

    private static string Header(Confluent.Kafka.ConsumeResult<string, byte[]> message, string name) =>
        Encoding.UTF8.GetString(message.Message.Headers.GetLastBytes(name));
}
