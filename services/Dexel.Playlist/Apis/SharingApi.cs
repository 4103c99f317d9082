using Dexel.Playlist.Application;
using Dexel.Playlist.Application.Editing;
using Dexel.Playlist.Application.Queries;
using Dexel.Playlist.Infrastructure;
using Dexel.Playlist.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Playlist.Apis;

/// <summary>Share links: anyone holding the token may read the playlist, until the owner revokes it.</summary>
public static class SharingApi
{
    public static IEndpointRouteBuilder MapSharingApi(this IEndpointRouteBuilder app)
    {
        var owned = app.MapGroup("/api/v1/playlists/{id}/share").WithTags("Sharing").RequireAuthorization();
        owned.MapPost("/", ShareAsync);
        owned.MapDelete("/{token}", RevokeAsync);
        app.MapGet("/api/v1/shared/{token}", GetSharedAsync).WithTags("Sharing").AllowAnonymous();
        return app;
    }

    private static async Task<Results<Created<ShareResponse>, ProblemHttpResult>> ShareAsync(
        Guid id, HttpContext http, PlaylistDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await OwnedProblemAsync(db, id, http.User.GetUserId(), ct) is { } problem) return problem;
        var (link, token) = ShareLink.Create(id, time.GetUtcNow().UtcDateTime);
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(ct);
        var url = $"/api/v1/shared/{token}";
        return TypedResults.Created(url, new ShareResponse(token, url));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, string token, HttpContext http, PlaylistDbContext db, CancellationToken ct)
    {
        if (await OwnedProblemAsync(db, id, http.User.GetUserId(), ct) is { } problem) return problem;
        var hash = ShareLink.Hash(token);
        var revoked = await db.ShareLinks.Where(l => l.PlaylistId == id && l.TokenHash == hash).ExecuteDeleteAsync(ct);
        return revoked == 1 ? TypedResults.NoContent() : LinkNotFound();
    }

    private static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> GetSharedAsync(
        string token, PlaylistDbContext db, PlaylistQueries queries, CancellationToken ct, int? offset = null, int? limit = null)
    {
        var errors = Page.Validate(offset, limit, Page.MaxTrackLimit);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var hash = ShareLink.Hash(token);
        var playlist = await db.ShareLinks.Where(l => l.TokenHash == hash)
            .Join(db.Playlists, l => l.PlaylistId, p => p.Id, (_, p) => p)
            .AsNoTracking().SingleOrDefaultAsync(ct);
        return playlist is null
            ? LinkNotFound()
            : TypedResults.Ok(await queries.ToResponseAsync(playlist, new Page(offset ?? 0, limit ?? Page.DefaultTrackLimit), ct));
    }

    /// <summary>Sharing is the owner's decision; others get the same answers as for any change.</summary>
    private static async Task<ProblemHttpResult?> OwnedProblemAsync(PlaylistDbContext db, Guid id, Guid userId, CancellationToken ct)
    {
        var playlist = await db.Playlists.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.OwnerId, p.IsPublic }).SingleOrDefaultAsync(ct);
        if (playlist is null || (!playlist.IsPublic && playlist.OwnerId != userId))
            return PlaylistProblems.NotFound(id);
        return playlist.OwnerId == userId ? null : PlaylistProblems.For(new EditResult(EditOutcome.NotOwner), id);
    }

    private static ProblemHttpResult LinkNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Share link not found",
            detail: "This link does not exist or has been revoked.");
}
