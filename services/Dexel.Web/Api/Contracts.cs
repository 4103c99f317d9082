namespace Dexel.Web.Api;

// The gateway's public API (docs/api.md), as the app reads it. Ids stay strings: the app only passes them back.

public sealed record UserInfo(string Id, string Email, string DisplayName, string Tier);

public sealed record AuthResponse(UserInfo User, string AccessToken, string RefreshToken, int ExpiresIn);

public sealed record Track(
    string Id, string Title, string Artist, string? Album = null, string? Genre = null, int? DurationMs = null,
    string? Status = null, int[]? BitratesKbps = null, string? UploaderId = null, string? Error = null, string? Reason = null);

public sealed record ItemList<T>(List<T> Items);

public sealed record StreamLinks(string Hls, string Dash);

public sealed record UploadAccepted(string Id, string Status);

public sealed record PlaylistEntry(string EntryId, string TrackId, string Title, string Artist, int Position);

public sealed record Playlist(
    string Id, string Name, string? Description, bool IsPublic, string OwnerId, int Version = 0, List<PlaylistEntry>? Tracks = null);

public sealed record ShareLink(string Token, string Url);

public sealed record Person(string Id, string DisplayName);

public sealed record ListenerProfile(string Id, string DisplayName, int Followers, int Following);

public sealed record HistoryItem(string TrackId, string Title, string Artist, DateTime PlayedAt, string Type);

public sealed record HomeSection<T>(string Status, string? Detail, List<T> Items);

/// <summary>A track as analytics lists it: recommendations (with a reason) and trending.</summary>
public sealed record ChartTrack(string TrackId, string Title, string Artist, string? Genre = null, string? Reason = null);

public sealed record HomeScreen(
    HomeSection<HistoryItem> RecentlyPlayed, HomeSection<ChartTrack> Recommended, HomeSection<ChartTrack> Trending,
    HomeSection<Playlist> MyPlaylists, HomeSection<Track> NewReleases);

public sealed record NameCount(string Name, long Plays);

public sealed record TrackCount(string TrackId, string Title, string Artist, long Plays);

public sealed record DayMinutes(DateOnly Date, double Minutes);

public sealed record DayPlays(DateOnly Date, long Plays);

public sealed record ListenerStats(
    double MinutesListened, long Plays, List<TrackCount> TopTracks, List<NameCount> TopArtists, List<NameCount> TopGenres,
    int LongestStreakDays, List<DayMinutes> MinutesPerDay);

public sealed record TrackStats(long Plays, long Listeners, long Likes, double CompletionRate, double SkipRate, List<DayPlays> PlaysPerDay);

public sealed record Realtime(long ListenersNow, long PlaysLastMinute, List<long> PlaysPerMinute, List<ChartTrack> Trending);

public sealed record IntentStats(string Intent, long Commands, double SuccessRate, double? LatencyP50Ms, double? LatencyP95Ms);

public sealed record VoiceReport(long Commands, List<IntentStats> Intents);

public sealed record NowPlaying(string TrackId, string Title, string Artist);

public sealed record CommandContext(NowPlaying? NowPlaying, List<string> Queue, string SessionId);

public sealed record TrackSummary(string Id, string Title, string Artist);

public sealed record Directive(string Type, int? Value = null, TrackSummary? Track = null, StreamLinks? Stream = null, List<TrackSummary>? Queue = null);

public sealed record CommandOutcome(string Status);

public sealed record SpokenReply(string Text, string? AudioUrl);

public sealed record CommandResponse(string Transcript, string? Intent, CommandOutcome Result, List<Directive> Directives, SpokenReply Reply);
