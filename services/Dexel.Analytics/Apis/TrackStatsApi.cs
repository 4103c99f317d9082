using Dexel.Analytics.Application;
using Dexel.Analytics.Application.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dexel.Analytics.Apis;

public static class TrackStatsApi
{
    public const string AdminRole = "admin";

    public static IEndpointRouteBuilder MapTrackStatsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tracks/{id}/stats", StatsAsync).WithTags("Track statistics").RequireAuthorization();
        return app;
    }

    /// <summary>Only the uploader (as track.published said) or an administrator sees a track's numbers.</summary>
    private static async Task<Results<Ok<TrackStats>, ValidationProblem, ProblemHttpResult>> StatsAsync(
        string id, HttpContext http, TrackStatsQueries queries, CancellationToken ct, string period = "month")
    {
        var validation = new Validation().Add("period", Periods.Check(period, Periods.Track))
            .Add("id", Guid.TryParse(id, out var trackId) ? null : "id must be a track id (a UUID).");
        if (validation.Failed) return TypedResults.ValidationProblem(validation.Errors);

        var uploader = await queries.UploaderAsync(trackId, ct);
        if (uploader is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Track not found", detail: $"No published track {trackId}.");
        if (uploader != http.User.GetUserId() && !http.User.IsInRole(AdminRole))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only the track's uploader or an administrator sees its statistics.");
        return TypedResults.Ok(await queries.StatsAsync(trackId, period, ct));
    }
}
