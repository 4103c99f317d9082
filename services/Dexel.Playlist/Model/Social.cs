namespace Dexel.Playlist.Model;

public sealed record Like(Guid UserId, Guid TrackId, DateTime LikedAt);

public sealed record Follow(Guid FollowerId, Guid FolloweeId, DateTime FollowedAt);
