namespace Dexel.Playlist.Application;

// Nullable members, so a missing field is a validation error rather than a silent default.
public sealed record CreatePlaylistRequest(string? Name, string? Description, bool? IsPublic);
public sealed record UpdatePlaylistRequest(string? Name, string? Description, bool? IsPublic);
public sealed record AddTrackRequest(Guid? TrackId, int? Position);
public sealed record ReorderRequest(IReadOnlyList<Guid>? EntryIds, int? Version);

public sealed record EntryResponse(Guid EntryId, Guid TrackId, string Title, string Artist, int Position);

/// <summary>A playlist with one page of its tracks; <see cref="NextOffset"/> is null on the last page.</summary>
public sealed record PlaylistResponse(
    Guid Id, string Name, string? Description, bool IsPublic, Guid OwnerId, int Version,
    int TrackCount, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<EntryResponse> Tracks, int? NextOffset);

/// <summary>A playlist in a list: everything but the tracks.</summary>
public sealed record PlaylistSummary(
    Guid Id, string Name, string? Description, bool IsPublic, Guid OwnerId, int Version,
    int TrackCount, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ShareResponse(string Token, string Url);

public sealed record TrackResponse(Guid Id, string Title, string Artist, string? Album, string? Genre, long DurationMs);
public sealed record LikedTrackResponse(Guid Id, string Title, string Artist, string? Album, string? Genre, long DurationMs, DateTime LikedAt);
public sealed record UserResponse(Guid Id, string? DisplayName);
public sealed record ProfileResponse(Guid Id, string DisplayName, int Followers, int Following);

public sealed record ItemList<T>(IReadOnlyList<T> Items, int? NextOffset);

public sealed record ListenerExport(
    IReadOnlyList<PlaylistExport> Playlists, IReadOnlyList<LikeExport> Likes,
    IReadOnlyList<FollowExport> Following, IReadOnlyList<FollowExport> Followers);
public sealed record PlaylistExport(
    Guid Id, string Name, string? Description, bool IsPublic, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<PlaylistEntryExport> Tracks);
public sealed record PlaylistEntryExport(int Position, Guid TrackId, string? Title, string? Artist, DateTime AddedAt);
public sealed record LikeExport(Guid TrackId, string? Title, string? Artist, DateTime LikedAt);
public sealed record FollowExport(Guid UserId, string? DisplayName, DateTime Since);
