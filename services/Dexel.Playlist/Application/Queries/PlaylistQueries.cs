using Dexel.Playlist.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Playlist.Application.Queries;

/// <summary>The read side: playlists and their track pages as the API shows them.</summary>
public sealed class PlaylistQueries(PlaylistDbContext db)
{
    public Task<Model.Playlist?> FindVisibleAsync(Guid id, Guid? userId, CancellationToken cancellationToken) =>
        db.Playlists.AsNoTracking()
            .Where(p => p.Id == id && (p.IsPublic || p.OwnerId == userId))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<PlaylistResponse> ToResponseAsync(Model.Playlist playlist, Page page, CancellationToken cancellationToken)
    {
        // Positions are always 0..n-1, so a page is a position range on the (playlist, position) index.
        var entries = await (
            from entry in db.Entries.AsNoTracking()
            where entry.PlaylistId == playlist.Id && entry.Position >= page.Offset && entry.Position < page.Offset + page.Limit
            join track in db.Tracks on entry.TrackId equals track.Id into known
            from track in known.DefaultIfEmpty()
            orderby entry.Position
            select new EntryResponse(entry.Id, entry.TrackId, track == null ? "" : track.Title, track == null ? "" : track.Artist, entry.Position))
            .ToListAsync(cancellationToken);
        var count = await db.Entries.CountAsync(e => e.PlaylistId == playlist.Id, cancellationToken);
        return new PlaylistResponse(playlist.Id, playlist.Name, playlist.Description, playlist.IsPublic, playlist.OwnerId,
            playlist.Version, count, playlist.CreatedAt, playlist.UpdatedAt, entries,
            page.Offset + page.Limit < count ? page.Offset + page.Limit : null);
    }

    public async Task<ItemList<PlaylistSummary>> ListOwnedAsync(Guid ownerId, Page page, CancellationToken cancellationToken)
    {
        var items = await db.Playlists.AsNoTracking()
            .Where(p => p.OwnerId == ownerId)
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id)
            .Skip(page.Offset).Take(page.Limit + 1)
            .Select(p => new PlaylistSummary(p.Id, p.Name, p.Description, p.IsPublic, p.OwnerId, p.Version,
                p.Entries.Count, p.CreatedAt, p.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new ItemList<PlaylistSummary>(items.Take(page.Limit).ToList(), page.Next(items.Count));
    }
}
