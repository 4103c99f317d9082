using Dexel.Playlist.Application.Editing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dexel.Playlist.Apis;

internal static class PlaylistProblems
{
    /// <summary>Also the answer for another user's private playlist: its existence is not revealed.</summary>
    public static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Playlist not found", detail: $"No playlist {id} is visible to you.");

    public static ProblemHttpResult BadIfMatch() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid If-Match",
            detail: "If-Match must be the playlist's ETag, e.g. \"7\" (its version).");

    /// <summary>422, as the IETF draft on Idempotency-Key has it: the key was first sent with a different request.</summary>
    public static ProblemHttpResult IdempotencyKeyReused() =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
            detail: "This Idempotency-Key was first sent with a different playlist; use a new key for a new request.");

    public static ProblemHttpResult For(EditResult result, Guid id) => result.Outcome switch
    {
        EditOutcome.NotFound => NotFound(id),
        EditOutcome.NotOwner => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your playlist",
            detail: "Only the owner can change this playlist."),
        EditOutcome.StaleVersion => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Playlist changed",
            detail: $"The playlist is at version {result.Playlist!.Version} now; reload it and apply your change again."),
        EditOutcome.Invalid => TypedResults.Problem(new HttpValidationProblemDetails(
            new Dictionary<string, string[]> { [result.Rule!.Field] = [result.Rule.Message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "Not a failure."),
    };
}
