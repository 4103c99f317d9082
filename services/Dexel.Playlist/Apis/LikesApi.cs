using Dexel.EventBus.IntegrationEvents;
using Dexel.EventBus.Outbox;
using Dexel.Playlist.Application;
using Dexel.Playlist.Infrastructure;
using Dexel.Playlist.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dexel.Playlist.Apis;

/// <summary>Likes are a set: PUT and DELETE are idempotent and only a real change publishes song.liked.</summary>
public static class LikesApi
{
    public static IEndpointRouteBuilder MapLikesApi(this IEndpointRouteBuilder app)
    {
        var likes = app.MapGroup("/api/v1/me/likes").WithTags("Likes").RequireAuthorization();
        likes.MapGet("/", ListAsync);
        likes.MapPut("/{trackId}", LikeAsync);
        likes.MapDelete("/{trackId}", UnlikeAsync);
        return app;
    }

    private static async Task<Results<Ok<ItemList<LikedTrackResponse>>, ValidationProblem>> ListAsync(
        HttpContext http, PlaylistDbContext db, CancellationToken ct, int? offset = null, int? limit = null)
    {
        var errors = Page.Validate(offset, limit, Page.MaxLimit);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var page = new Page(offset ?? 0, limit ?? Page.DefaultLimit);
        var userId = http.User.GetUserId();
        var items = await db.Likes.AsNoTracking()
            .Where(l => l.UserId == userId)
            .Join(db.Tracks, l => l.TrackId, t => t.Id, (l, t) => new { l.LikedAt, Track = t })
            .OrderByDescending(x => x.LikedAt).ThenBy(x => x.Track.Id)
            .Skip(page.Offset).Take(page.Limit + 1)
            .Select(x => new LikedTrackResponse(x.Track.Id, x.Track.Title, x.Track.Artist, x.Track.Album, x.Track.Genre, x.Track.DurationMs, x.LikedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new ItemList<LikedTrackResponse>(items.Take(page.Limit).ToList(), page.Next(items.Count)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LikeAsync(
        Guid trackId, HttpContext http, PlaylistDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Tracks.AnyAsync(t => t.Id == trackId, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Track not found",
                detail: $"Track {trackId} does not exist or has not finished processing.");
        var userId = http.User.GetUserId();
        if (await db.Likes.AnyAsync(l => l.UserId == userId && l.TrackId == trackId, ct)) return TypedResults.NoContent();

        db.Likes.Add(new Like(userId, trackId, time.GetUtcNow().UtcDateTime));
        db.AddIntegrationEvent(new SongLiked(trackId, userId, Liked: true));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same like arrived twice at once; the first one counts, and published the event.
        }
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnlikeAsync(Guid trackId, HttpContext http, PlaylistDbContext db, CancellationToken ct)
    {
        var userId = http.User.GetUserId();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The delete decides: only the request that removed the row publishes the change.
            if (await db.Likes.Where(l => l.UserId == userId && l.TrackId == trackId).ExecuteDeleteAsync(ct) == 1)
            {
                db.AddIntegrationEvent(new SongLiked(trackId, userId, Liked: false));
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        });
        return TypedResults.NoContent();
    }
}
