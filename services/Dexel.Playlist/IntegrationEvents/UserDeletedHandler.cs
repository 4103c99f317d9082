using Dexel.EventBus.Consumers;
using Dexel.EventBus.IntegrationEvents;
using Dexel.Playlist.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Playlist.IntegrationEvents;

/// <summary>
/// A deleted account's playlists (with their entries and share links), likes, follows in both
/// directions and its profile copy go. Its uploads leave other playlists through track.deleted.
/// </summary>
public sealed class UserDeletedHandler(PlaylistDbContext db) : IIntegrationEventHandler<UserDeleted>
{
    public async Task HandleAsync(UserDeleted @event, CancellationToken cancellationToken)
    {
        var userId = @event.UserId;
        // Entries and share links follow their playlist by the foreign keys' ON DELETE CASCADE.
        await db.Playlists.Where(p => p.OwnerId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Likes.Where(l => l.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Follows.Where(f => f.FollowerId == userId || f.FolloweeId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(cancellationToken);
    }
}
