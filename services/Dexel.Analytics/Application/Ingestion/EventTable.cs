using Dexel.EventBus;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.Application.Ingestion;

/// <summary>
/// One column of an event table, and the event's JSON property it is read from. A column with no
/// default is required: an event without it cannot be stored.
/// </summary>
public sealed record Column(string Name, string Type, string JsonName, object? Default = null);

/// <summary>Where one topic's events are stored: the table, and its columns in the order of a row.</summary>
public sealed class EventTable
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byJsonName;
    private readonly Dictionary<string, int> _byName;

    private EventTable(string topic, string name, string? accountColumn, Column[] columns)
    {
        Topic = topic;
        Name = name;
        AccountColumn = accountColumn;
        Columns = [new("event_id", "UUID", "eventId"), new("occurred_at", "DateTime", "occurredAt"), .. columns];
        ColumnNames = [.. Columns.Select(c => c.Name)];
        Types = Columns.ToDictionary(c => c.Name, c => c.Type);
        _byName = Columns.Select((c, i) => (c.Name, i)).ToDictionary(c => c.Name, c => c.i);
        // Case-insensitive, as the services' own deserializer (JsonSerializerDefaults.Web) reads them.
        _byJsonName = Columns.Select((c, i) => (c.JsonName, i)).ToDictionary(c => c.JsonName, c => c.i, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Topic { get; }
    public string Name { get; }
    public IReadOnlyList<Column> Columns { get; }
    public IReadOnlyList<string> ColumnNames { get; }
    public IReadOnlyDictionary<string, string> Types { get; }

    /// <summary>The account a row belongs to, when it belongs to one: its rows go when the account does.</summary>
    public string? AccountColumn { get; }

    public int IndexOf(string column) => _byName.TryGetValue(column, out var index) ? index : throw new ArgumentException($"{Name} has no column {column}");

    public bool TryGetColumn(ReadOnlySpan<char> jsonName, out int index) => _byJsonName.TryGetValue(jsonName, out index);

    public static readonly string[] PlayTypes = ["started", "completed", "skipped"];

    public static readonly EventTable Plays = new(Topics.For<SongPlayed>(), "plays", "user_id",
        [new("user_id", "UUID", "userId"), new("track_id", "UUID", "trackId"), new("type", "String", "type"), new("position_ms", "UInt64", "positionMs", 0UL)]);

    public static readonly EventTable Likes = new(Topics.For<SongLiked>(), "likes", "user_id",
        [new("user_id", "UUID", "userId"), new("track_id", "UUID", "trackId"), new("liked", "UInt8", "liked")]);

    public static readonly EventTable Tracks = new(Topics.For<TrackPublished>(), "tracks", null,
        [new("track_id", "UUID", "trackId"), new("owner_id", "UUID", "ownerId"), new("title", "String", "title", ""), new("artist", "String", "artist", ""),
         new("album", "String", "album", ""), new("genre", "String", "genre", ""), new("duration_ms", "UInt64", "durationMs", 0UL)]);

    // Email and display name stay with auth: analytics needs who and when, not personal data.
    public static readonly EventTable Users = new(Topics.For<UserRegistered>(), "users", "user_id",
        [new("user_id", "UUID", "userId"), new("tier", "String", "tier", "")]);

    public static readonly EventTable Playlists = new(Topics.For<PlaylistCreated>(), "playlists", "owner_id",
        [new("playlist_id", "UUID", "playlistId"), new("owner_id", "UUID", "ownerId"), new("is_public", "UInt8", "isPublic", (byte)0)]);

    public static readonly EventTable VoiceCommands = new(Topics.For<VoiceCommandHandled>(), "voice_commands", "user_id",
        [new("command_id", "UUID", "commandId"), new("user_id", "UUID", "userId"), new("transcript", "String", "transcript", ""),
         new("intent", "String", "intent", ""), new("succeeded", "UInt8", "succeeded", (byte)0), new("latency_ms", "Int32", "latencyMs", -1)]);

    public static readonly IReadOnlyDictionary<string, EventTable> ByTopic =
        new[] { Plays, Likes, Tracks, Users, Playlists, VoiceCommands }.ToDictionary(table => table.Topic);
}
