using Dexel.EventBus;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.Application.Ingestion;

/// <summary>Where one topic's events are stored: the table, its columns and how an event becomes a row.</summary>
public sealed record EventTable(string Topic, string Name, IReadOnlyList<string> Columns, IReadOnlyDictionary<string, string> Types, Func<IntegrationEvent, object[]> ToRow)
{
    public static readonly string[] PlayTypes = ["started", "completed", "skipped"];

    private static EventTable Define<TEvent>(string name, (string Column, string Type)[] columns, Func<TEvent, object[]> values)
        where TEvent : IntegrationEvent =>
        new(Topics.For<TEvent>(), name,
            ["event_id", "occurred_at", .. columns.Select(c => c.Column)],
            new Dictionary<string, string> { ["event_id"] = "UUID", ["occurred_at"] = "DateTime" }
                .Concat(columns.ToDictionary(c => c.Column, c => c.Type)).ToDictionary(),
            @event => [@event.EventId, Utc(@event.OccurredAt), .. values((TEvent)@event)]);

    public static readonly IReadOnlyDictionary<string, EventTable> ByTopic = new[]
    {
        Define<SongPlayed>("plays", [("user_id", "UUID"), ("track_id", "UUID"), ("type", "String"), ("position_ms", "UInt64")],
            e => [e.UserId, e.TrackId, e.Type, (ulong)e.PositionMs]),
        Define<SongLiked>("likes", [("user_id", "UUID"), ("track_id", "UUID"), ("liked", "UInt8")],
            e => [e.UserId, e.TrackId, (byte)(e.Liked ? 1 : 0)]),
        Define<TrackPublished>("tracks",
            [("track_id", "UUID"), ("owner_id", "UUID"), ("title", "String"), ("artist", "String"), ("album", "String"), ("genre", "String"), ("duration_ms", "UInt64")],
            e => [e.TrackId, e.OwnerId, e.Title, e.Artist, e.Album ?? "", e.Genre ?? "", (ulong)e.DurationMs]),
        // Email and display name stay with auth: analytics needs who and when, not personal data.
        Define<UserRegistered>("users", [("user_id", "UUID"), ("tier", "String")], e => [e.UserId, e.Tier]),
        Define<PlaylistCreated>("playlists", [("playlist_id", "UUID"), ("owner_id", "UUID"), ("is_public", "UInt8")],
            e => [e.PlaylistId, e.OwnerId, (byte)(e.IsPublic ? 1 : 0)]),
        Define<VoiceCommandHandled>("voice_commands",
            [("command_id", "UUID"), ("user_id", "UUID"), ("transcript", "String"), ("intent", "String"), ("succeeded", "UInt8"), ("latency_ms", "Int32")],
            e => [e.CommandId, e.UserId, e.Transcript, e.Intent, (byte)(e.Succeeded ? 1 : 0), e.LatencyMs ?? -1]),
    }.ToDictionary(table => table.Topic);

    /// <summary>Why a parsed event cannot be stored, or null: checked before insert so one bad row never fails a batch.</summary>
    public static string? Reject(IntegrationEvent @event) => @event switch
    {
        { EventId: var id } when id == Guid.Empty => "The event has no id.",
        { OccurredAt: var at } when at.Year < 1971 || at.Year > 2105 => $"occurredAt {at:O} is outside what ClickHouse's DateTime holds.",
        SongPlayed played when !PlayTypes.Contains(played.Type) => $"Unknown playback type '{played.Type}'.",
        SongPlayed played when played.PositionMs < 0 => "positionMs is negative.",
        TrackPublished track when track.DurationMs < 0 => "durationMs is negative.",
        _ => null,
    };

    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
