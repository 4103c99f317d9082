using System.Text;
using Dexel.Analytics.Application.Ingestion;
using Dexel.EventBus;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.Tests;

/// <summary>Reading payloads straight into rows: what the services publish, and what they must not.</summary>
public sealed class EventRowTests
{
    [Fact]
    public void A_play_as_the_services_publish_it_becomes_its_row()
    {
        var played = new SongPlayed(Guid.NewGuid(), Guid.NewGuid(), "completed", 183_000);

        var row = EventRow.Read(EventTable.Plays, EventSerializer.Serialize(played));

        Assert.Equal<object>([played.EventId, played.OccurredAt, played.UserId, played.TrackId, "completed", 183_000UL], row.Values);
        Assert.Null(row.Rejection());
    }

    [Fact]
    public void Every_table_reads_its_event_and_fills_optional_columns_with_their_defaults()
    {
        var track = new TrackPublished(Guid.NewGuid(), Guid.NewGuid(), "Blue in Green", "Miles Davis", null, null, 337_000, [64, 128, 256]);
        var voice = new VoiceCommandHandled(Guid.NewGuid(), Guid.NewGuid(), "play some jazz", "PlayGenre", true);
        var playlist = new PlaylistCreated(Guid.NewGuid(), Guid.NewGuid(), "Road trip", true);
        var user = new UserRegistered(Guid.NewGuid(), "ada@example.com", "Ada", "free");
        var like = new SongLiked(Guid.NewGuid(), Guid.NewGuid(), false);

        Assert.Equal<object>([track.TrackId, track.OwnerId, "Blue in Green", "Miles Davis", "", "", 337_000UL], Read(EventTable.Tracks, track)[2..]);
        Assert.Equal<object>([voice.CommandId, voice.UserId, "play some jazz", "PlayGenre", (byte)1, -1], Read(EventTable.VoiceCommands, voice)[2..]);
        Assert.Equal<object>([playlist.PlaylistId, playlist.OwnerId, (byte)1], Read(EventTable.Playlists, playlist)[2..]);
        // Email and display name are not analytics' to keep.
        Assert.Equal<object>([user.UserId, "free"], Read(EventTable.Users, user)[2..]);
        Assert.Equal<object>([like.UserId, like.TrackId, (byte)0], Read(EventTable.Likes, like)[2..]);
    }

    [Fact]
    public void Names_match_in_any_case_and_unknown_properties_are_skipped()
    {
        var (id, track, user) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var row = EventRow.Read(EventTable.Plays, Utf8($$"""
            {"EVENTID":"{{id}}","occurredAt":"2026-11-30T10:00:00Z","extra":{"nested":[1,2,{"a":null}]},
             "TrackId":"{{track}}","userid":"{{user}}","type":"started","{{new string('x', 100)}}":1}
            """));

        Assert.Equal<object>([id, new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc), user, track, "started", 0UL], row.Values);
    }

    [Theory]
    [InlineData("""{"trackId": 12""", "Unreadable payload")]
    [InlineData("""[1, 2]""", "Unreadable payload: The payload is not a JSON object.")]
    [InlineData("""{"eventId":"E","occurredAt":"2026-11-30T10:00:00Z","trackId":12,"userId":"U","type":"started"}""", "Unreadable payload")]
    [InlineData("""{"eventId":"E","occurredAt":"2026-11-30T10:00:00Z","trackId":"not a uuid","userId":"U","type":"started"}""", "Unreadable payload")]
    [InlineData("""{"eventId":"E","occurredAt":"yesterday","trackId":"T","userId":"U","type":"started"}""", "Unreadable payload")]
    [InlineData("""{"eventId":"E","occurredAt":"2026-11-30T10:00:00Z","trackId":"T","type":"started"}""", "Unreadable payload: userId is missing.")]
    [InlineData("""{"eventId":"E","occurredAt":"2026-11-30T10:00:00Z","trackId":"T","userId":"U","type":"started","positionMs":-5}""", "positionMs is negative.")]
    [InlineData("""{"eventId":"E","occurredAt":"2026-11-30T10:00:00Z","trackId":"T","userId":"U","type":"started","positionMs":"5"}""", "Unreadable payload")]
    public void A_payload_the_table_cannot_hold_is_refused_with_its_reason(string payload, string reason)
    {
        var json = payload.Replace("\"E\"", $"\"{Guid.NewGuid()}\"").Replace("\"T\"", $"\"{Guid.NewGuid()}\"").Replace("\"U\"", $"\"{Guid.NewGuid()}\"");

        var refused = Assert.Throws<UnstorableEventException>(() => EventRow.Read(EventTable.Plays, Utf8(json)));

        Assert.StartsWith(reason, refused.Message);
    }

    [Fact]
    public void A_readable_event_that_breaks_a_rule_is_rejected()
    {
        Assert.Equal("Unknown playback type 'paused'.", Read(new SongPlayed(Guid.NewGuid(), Guid.NewGuid(), "paused", 0)).Rejection());
        Assert.Equal("The event has no id.", Read(new SongPlayed(Guid.NewGuid(), Guid.NewGuid(), "started", 0) { EventId = Guid.Empty }).Rejection());
        Assert.Contains("outside what ClickHouse's DateTime holds",
            Read(new SongPlayed(Guid.NewGuid(), Guid.NewGuid(), "started", 0) { OccurredAt = new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc) }).Rejection());
    }

    private static EventRow Read(SongPlayed played) => EventRow.Read(EventTable.Plays, EventSerializer.Serialize(played));

    private static object[] Read(EventTable table, IntegrationEvent @event) => EventRow.Read(table, EventSerializer.Serialize(@event)).Values;

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
