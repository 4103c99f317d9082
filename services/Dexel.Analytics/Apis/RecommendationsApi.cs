using Dexel.Analytics.Application;
using Dexel.Analytics.Application.Recommendations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dexel.Analytics.Apis;

public static class RecommendationsApi
{
    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Recommendations").RequireAuthorization();
        group.MapGet("/recommendations", ForMeAsync);
        group.MapGet("/tracks/{id}/similar", Similar);
        group.MapGet("/mix", Mix);
        return app;
    }

    private static async Task<Results<Ok<ItemList<RecommendedTrack>>, ValidationProblem>> ForMeAsync(
        HttpContext http, Recommender recommender, CancellationToken ct, int? limit = null)
    {
        var validation = new Validation().Limit(limit);
        if (validation.Failed) return TypedResults.ValidationProblem(validation.Errors);
        return TypedResults.Ok(new ItemList<RecommendedTrack>(await recommender.ForUserAsync(http.User.GetUserId(), limit ?? 20, ct)));
    }

    private static Results<Ok<ItemList<RecommendedTrack>>, ValidationProblem> Similar(string id, Recommender recommender, int? limit = null)
    {
        var validation = new Validation().Limit(limit).Add("id", Guid.TryParse(id, out var trackId) ? null : "id must be a track id (a UUID).");
        if (validation.Failed) return TypedResults.ValidationProblem(validation.Errors);
        return TypedResults.Ok(new ItemList<RecommendedTrack>(recommender.Similar(trackId, limit ?? 20)));
    }

    private static Results<Ok<ItemList<RecommendedTrack>>, ValidationProblem> Mix(Recommender recommender, string? seedTrackId = null, int? limit = null)
    {
        var validation = new Validation().Limit(limit)
            .Add("seedTrackId", Guid.TryParse(seedTrackId, out _) ? null : "seedTrackId is required: a track id (a UUID).");
        if (validation.Failed) return TypedResults.ValidationProblem(validation.Errors);
        return TypedResults.Ok(new ItemList<RecommendedTrack>(recommender.Mix(Guid.Parse(seedTrackId!), limit ?? 25)));
    }
}
