using Dexel.EventBus.Consumers;
using Dexel.EventBus.IntegrationEvents;
using Dexel.Streaming.Application.Catalog;
using Dexel.Streaming.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Streaming.IntegrationEvents;

/// <summary>
/// A deleted account's uploads go with it, each through the same removal as a single deletion,
/// so every one publishes track.deleted and leaves no copies in other users' playlists.
/// </summary>
public sealed class UserDeletedHandler(StreamingDbContext db, TrackRemoval removal) : IIntegrationEventHandler<UserDeleted>
{
    public async Task HandleAsync(UserDeleted @event, CancellationToken cancellationToken)
    {
        var tracks = await db.Tracks.Where(t => t.OwnerId == @event.UserId).ToListAsync(cancellationToken);
        foreach (var track in tracks) await removal.RemoveAsync(track, cancellationToken);
    }
}
