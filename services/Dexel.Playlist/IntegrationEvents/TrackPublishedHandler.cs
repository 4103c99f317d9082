using Dexel.EventBus.Consumers;
using Dexel.EventBus.IntegrationEvents;
using Dexel.Playlist.Infrastructure;
using Dexel.Playlist.Model;

namespace Dexel.Playlist.IntegrationEvents;

/// <summary>Keeps the read model of playable tracks; a re-publish updates the copy.</summary>
public sealed class TrackPublishedHandler(PlaylistDbContext db) : IIntegrationEventHandler<TrackPublished>
{
    public async Task HandleAsync(TrackPublished @event, CancellationToken cancellationToken)
    {
        var track = await db.Tracks.FindAsync([@event.TrackId], cancellationToken);
        if (track is null)
        {
            track = new Track { Id = @event.TrackId };
            db.Tracks.Add(track);
        }
        track.Title = @event.Title;
        track.Artist = @event.Artist;
        track.Album = @event.Album;
        track.Genre = @event.Genre;
        track.DurationMs = @event.DurationMs;
        track.PublishedAt = @event.OccurredAt;
    }
}
