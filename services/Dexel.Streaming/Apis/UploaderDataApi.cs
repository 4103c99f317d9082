using Dexel.Streaming.Application;
using Dexel.Streaming.Application.Catalog;
using Dexel.Streaming.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Streaming.Apis;

/// <summary>An uploader's control over their tracks: delete one, or take a copy of the catalog entries.</summary>
public static class UploaderDataApi
{
    private const string AdminRole = "admin";

    public static IEndpointRouteBuilder MapUploaderDataApi(this IEndpointRouteBuilder app)
    {
        // No :guid constraint: a malformed id fails binding as a 400 problem rather than a bare 404.
        app.MapDelete("/api/v1/tracks/{id}", DeleteAsync).WithTags("Tracks").RequireAuthorization();
        app.MapGet(UserDataExport.ServicePath, ExportAsync).ExcludeFromDescription().RequireAuthorization();
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, HttpContext http, StreamingDbContext db, TrackRemoval removal, CancellationToken ct)
    {
        var track = await db.Tracks.SingleOrDefaultAsync(t => t.Id == id, ct);
        // Someone else's track answers as if it did not exist, whether or not it is public.
        if (track is null || (track.OwnerId != http.User.GetUserId() && !http.User.IsInRole(AdminRole)))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Track not found",
                detail: $"No track with id {id} is yours to delete.");
        try
        {
            await removal.RemoveAsync(track, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A simultaneous deletion of the same track got there first; the outcome is the same.
        }
        return TypedResults.NoContent();
    }

    private static async Task<Ok<UploadsExport>> ExportAsync(HttpContext http, StreamingDbContext db, CancellationToken ct)
    {
        var userId = http.User.GetUserId();
        var tracks = await db.Tracks.AsNoTracking()
            .Where(t => t.OwnerId == userId)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Select(t => new UploadedTrackExport(t.Id, t.Title, t.Artist, t.Album, t.Genre, t.Status, t.Error, t.DurationMs,
                t.OriginalFileName, t.OriginalBytes, t.CreatedAt, t.ReadyAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new UploadsExport(tracks));
    }
}
