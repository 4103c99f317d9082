using Dexel.EventBus.Consumers;
using Dexel.EventBus.IntegrationEvents;
using Dexel.Playlist.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Playlist.IntegrationEvents;

/// <summary>
/// A deleted track leaves every playlist (later entries move up, the version is bumped), every
/// like and the read model. Dropping beats keeping an "unavailable" entry: the track's title and
/// artist are the uploader's data, and nothing could ever play it again.
/// </summary>
public sealed class TrackDeletedHandler(PlaylistDbContext db, TimeProvider time) : IIntegrationEventHandler<TrackDeleted>
{
    public async Task HandleAsync(TrackDeleted @event, CancellationToken cancellationToken)
    {
        var playlistIds = await db.Entries.Where(e => e.TrackId == @event.TrackId)
            .Select(e => e.PlaylistId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var id in playlistIds)
        {
            // The same row lock editors take, in id order, so concurrent edits queue behind this one.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM playlists WHERE id = {id} FOR UPDATE", cancellationToken);
            var playlist = await db.Playlists.Include(p => p.Entries).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            playlist?.RemoveTrack(@event.TrackId, now);
        }
        await db.Likes.Where(l => l.TrackId == @event.TrackId).ExecuteDeleteAsync(cancellationToken);
        await db.Tracks.Where(t => t.Id == @event.TrackId).ExecuteDeleteAsync(cancellationToken);
    }
}
