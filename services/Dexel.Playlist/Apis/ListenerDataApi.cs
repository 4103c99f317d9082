using Dexel.Playlist.Application;
using Dexel.Playlist.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Playlist.Apis;

/// <summary>Playlist's part of the user's data export: what they made, liked and who they follow or are followed by.</summary>
public static class ListenerDataApi
{
    public static IEndpointRouteBuilder MapListenerDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(UserDataExport.ServicePath, ExportAsync).ExcludeFromDescription().RequireAuthorization();
        return app;
    }

    private static async Task<Ok<ListenerExport>> ExportAsync(HttpContext http, PlaylistDbContext db, CancellationToken ct)
    {
        var userId = http.User.GetUserId();
        var playlists = await db.Playlists.AsNoTracking()
            .Where(p => p.OwnerId == userId)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .Select(p => new PlaylistExport(p.Id, p.Name, p.Description, p.IsPublic, p.CreatedAt, p.UpdatedAt,
                p.Entries.OrderBy(e => e.Position)
                    .Select(e => new PlaylistEntryExport(e.Position, e.TrackId,
                        db.Tracks.Where(t => t.Id == e.TrackId).Select(t => t.Title).FirstOrDefault(),
                        db.Tracks.Where(t => t.Id == e.TrackId).Select(t => t.Artist).FirstOrDefault(),
                        e.AddedAt))
                    .ToList()))
            .AsSplitQuery()
            .ToListAsync(ct);
        var likes = await (
            from like in db.Likes.AsNoTracking()
            where like.UserId == userId
            join track in db.Tracks on like.TrackId equals track.Id into known
            from track in known.DefaultIfEmpty()
            orderby like.LikedAt
            select new LikeExport(like.TrackId, track == null ? null : track.Title, track == null ? null : track.Artist, like.LikedAt))
            .ToListAsync(ct);
        var following = await (
            from follow in db.Follows.AsNoTracking()
            where follow.FollowerId == userId
            join user in db.Users on follow.FolloweeId equals user.Id into known
            from user in known.DefaultIfEmpty()
            orderby follow.FollowedAt
            select new FollowExport(follow.FolloweeId, user == null ? null : user.DisplayName, follow.FollowedAt))
            .ToListAsync(ct);
        var followers = await (
            from follow in db.Follows.AsNoTracking()
            where follow.FolloweeId == userId
            join user in db.Users on follow.FollowerId equals user.Id into known
            from user in known.DefaultIfEmpty()
            orderby follow.FollowedAt
            select new FollowExport(follow.FollowerId, user == null ? null : user.DisplayName, follow.FollowedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new ListenerExport(playlists, likes, following, followers));
    }
}
