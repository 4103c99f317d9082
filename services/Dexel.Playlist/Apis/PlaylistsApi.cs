using Dexel.Playlist.Application;
using Dexel.Playlist.Application.Creating;
using Dexel.Playlist.Application.Editing;
using Dexel.Playlist.Application.Queries;
using Dexel.Playlist.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Playlist.Apis;

public static class PlaylistsApi
{
    public static IEndpointRouteBuilder MapPlaylistsApi(this IEndpointRouteBuilder app)
    {
        // No :guid or :int route constraints, here or on the other groups: a malformed id then
        // fails binding as a 400 problem instead of falling through to a bare 404.
        var playlists = app.MapGroup("/api/v1/playlists").WithTags("Playlists").RequireAuthorization();
        playlists.MapPost("/", CreateAsync);
        playlists.MapGet("/", ListMineAsync);
        playlists.MapGet("/{id}", GetAsync);
        playlists.MapPatch("/{id}", UpdateAsync);
        playlists.MapDelete("/{id}", DeleteAsync);
        playlists.MapPost("/{id}/tracks", AddTrackAsync);
        playlists.MapDelete("/{id}/tracks/{position}", RemoveTrackAsync);
        playlists.MapPut("/{id}/tracks/order", ReorderAsync);
        return app;
    }

    private static async Task<Results<Created<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreatePlaylistRequest request, HttpContext http, PlaylistCreation creation, PlaylistQueries queries, CancellationToken ct)
    {
        var errors = PlaylistValidation.Create(request);
        if (!IdempotencyKey.TryRead(http.Request, out var key, out var keyError)) errors[IdempotencyKey.Header] = [keyError!];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var result = await creation.CreateAsync(http.User.GetUserId(), request.Name!.Trim(), Blank(request.Description),
            request.IsPublic ?? false, key, ct);
        if (result.KeyReused) return PlaylistProblems.IdempotencyKeyReused();
        if (result.Replayed) http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
        var playlist = result.Playlist!;
        return TypedResults.Created($"/api/v1/playlists/{playlist.Id}", await queries.ToResponseAsync(playlist, FirstPage, ct));
    }

    private static async Task<Results<Ok<ItemList<PlaylistSummary>>, ValidationProblem>> ListMineAsync(
        HttpContext http, PlaylistQueries queries, CancellationToken ct, int? offset = null, int? limit = null)
    {
        var errors = Page.Validate(offset, limit, Page.MaxLimit);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await queries.ListOwnedAsync(http.User.GetUserId(), new Page(offset ?? 0, limit ?? Page.DefaultLimit), ct));
    }

    private static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, PlaylistQueries queries, CancellationToken ct, int? offset = null, int? limit = null)
    {
        var errors = Page.Validate(offset, limit, Page.MaxTrackLimit);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var playlist = await queries.FindVisibleAsync(id, http.User.GetUserId(), ct);
        if (playlist is null) return PlaylistProblems.NotFound(id);
        http.Response.Headers.ETag = PlaylistVersion.ToETag(playlist.Version);
        return TypedResults.Ok(await queries.ToResponseAsync(playlist, new Page(offset ?? 0, limit ?? Page.DefaultTrackLimit), ct));
    }

    private static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdatePlaylistRequest request, HttpContext http, PlaylistEditor editor, PlaylistQueries queries, CancellationToken ct)
    {
        var errors = PlaylistValidation.Update(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (!PlaylistVersion.TryFromIfMatch(http.Request, out var expected)) return PlaylistProblems.BadIfMatch();

        var result = await editor.EditAsync(id, http.User.GetUserId(), expected,
            (playlist, now) => playlist.Describe(request.Name?.Trim(), request.Description, request.IsPublic, now), ct);
        return await RespondAsync(result, id, http, queries, ct);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        Guid id, HttpContext http, PlaylistEditor editor, PlaylistDbContext db, CancellationToken ct)
    {
        if (!PlaylistVersion.TryFromIfMatch(http.Request, out var expected)) return PlaylistProblems.BadIfMatch();
        var result = await editor.EditAsync(id, http.User.GetUserId(), expected, (playlist, _) => db.Playlists.Remove(playlist), ct);
        return result.Outcome == EditOutcome.Done ? TypedResults.NoContent() : PlaylistProblems.For(result, id);
    }

    private static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> AddTrackAsync(
        Guid id, AddTrackRequest request, HttpContext http, PlaylistEditor editor, PlaylistDbContext db, PlaylistQueries queries, CancellationToken ct)
    {
        var errors = PlaylistValidation.AddTrack(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (!PlaylistVersion.TryFromIfMatch(http.Request, out var expected)) return PlaylistProblems.BadIfMatch();
        var trackId = request.TrackId!.Value;
        if (!await db.Tracks.AnyAsync(t => t.Id == trackId, ct))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["trackId"] = [$"Track {trackId} is unknown: it does not exist or has not finished processing."],
            });

        var result = await editor.EditAsync(id, http.User.GetUserId(), expected,
            (playlist, now) => playlist.Add(trackId, request.Position, now), ct);
        return await RespondAsync(result, id, http, queries, ct);
    }

    private static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> RemoveTrackAsync(
        Guid id, int position, HttpContext http, PlaylistEditor editor, PlaylistQueries queries, CancellationToken ct)
    {
        if (!PlaylistVersion.TryFromIfMatch(http.Request, out var expected)) return PlaylistProblems.BadIfMatch();
        var result = await editor.EditAsync(id, http.User.GetUserId(), expected, (playlist, now) => playlist.RemoveAt(position, now), ct);
        return await RespondAsync(result, id, http, queries, ct);
    }

    private static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> ReorderAsync(
        Guid id, ReorderRequest request, HttpContext http, PlaylistEditor editor, PlaylistQueries queries, CancellationToken ct)
    {
        var errors = PlaylistValidation.Reorder(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await editor.EditAsync(id, http.User.GetUserId(), request.Version,
            (playlist, now) => playlist.Reorder(request.EntryIds!, now), ct);
        return await RespondAsync(result, id, http, queries, ct);
    }

    private static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> RespondAsync(
        EditResult result, Guid id, HttpContext http, PlaylistQueries queries, CancellationToken ct)
    {
        if (result.Outcome != EditOutcome.Done) return PlaylistProblems.For(result, id);
        http.Response.Headers.ETag = PlaylistVersion.ToETag(result.Playlist!.Version);
        return TypedResults.Ok(await queries.ToResponseAsync(result.Playlist, FirstPage, ct));
    }

    private static readonly Page FirstPage = new(0, Page.DefaultTrackLimit);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
