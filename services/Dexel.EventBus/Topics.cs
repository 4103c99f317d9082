using Dexel.EventBus.IntegrationEvents;

namespace Dexel.EventBus;

/// <summary>Topic names, <c>&lt;entity&gt;.&lt;past-tense verb&gt;</c>, and the event type each one carries.</summary>
public static class Topics
{
    public const string UserRegistered = "user.registered";
    public const string TrackPublished = "track.published";
    public const string SongPlayed = "song.played";
    public const string SongLiked = "song.liked";
    public const string PlaylistCreated = "playlist.created";
    public const string VoiceCommand = "voice.command";
    public const string TrackDeleted = "track.deleted";
    public const string UserDeleted = "user.deleted";

    private static readonly Dictionary<Type, string> TopicByType = new()
    {
        [typeof(UserRegistered)] = UserRegistered,
        [typeof(TrackPublished)] = TrackPublished,
        [typeof(SongPlayed)] = SongPlayed,
        [typeof(SongLiked)] = SongLiked,
        [typeof(PlaylistCreated)] = PlaylistCreated,
        [typeof(VoiceCommandHandled)] = VoiceCommand,
        [typeof(TrackDeleted)] = TrackDeleted,
        [typeof(UserDeleted)] = UserDeleted,
    };

    private static readonly Dictionary<string, Type> TypeByTopic =
        TopicByType.ToDictionary(pair => pair.Value, pair => pair.Key);

    public static IReadOnlyCollection<string> All => TypeByTopic.Keys;

    public static string For(Type eventType) =>
        TopicByType.TryGetValue(eventType, out var topic)
            ? topic
            : throw new ArgumentException($"{eventType.Name} has no topic; add it to {nameof(Topics)}.", nameof(eventType));

    public static string For<TEvent>() where TEvent : IntegrationEvent => For(typeof(TEvent));

    public static Type EventTypeOf(string topic) =>
        TypeByTopic.TryGetValue(topic, out var type)
            ? type
            : throw new ArgumentException($"Unknown topic '{topic}'.", nameof(topic));
}
