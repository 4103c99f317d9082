using Dexel.Analytics.Application;
using Dexel.Analytics.Application.Realtime;
using Dexel.Analytics.Application.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;

namespace Dexel.Analytics.Apis;

/// <summary>What everyone listens to: charts from ClickHouse, trending from the real-time counters.</summary>
public static class ChartsApi
{
    public static IEndpointRouteBuilder MapChartsApi(this IEndpointRouteBuilder app)
    {
        var charts = app.MapGroup("/api/v1/analytics").WithTags("Charts").RequireAuthorization();
        charts.MapGet("/top-tracks", TopTracksAsync);
        charts.MapGet("/top-artists", TopArtistsAsync);
        charts.MapGet("/trending", TrendingAsync);
        return app;
    }

    private static async Task<Results<Ok<ItemList<TopTrack>>, ValidationProblem>> TopTracksAsync(
        ChartQueries charts, CancellationToken ct, string period = "week", string? genre = null, int? limit = null)
    {
        var validation = new Validation().Add("period", Periods.Check(period, Periods.Charts)).Limit(limit)
            .Add("genre", genre is { Length: > 100 } ? "genre is at most 100 characters." : null);
        if (validation.Failed) return TypedResults.ValidationProblem(validation.Errors);
        return TypedResults.Ok(new ItemList<TopTrack>(await charts.TopTracksAsync(period, genre, limit ?? 20, ct)));
    }

    private static async Task<Results<Ok<ItemList<TopArtist>>, ValidationProblem>> TopArtistsAsync(
        ChartQueries charts, CancellationToken ct, string period = "week", int? limit = null)
    {
        var validation = new Validation().Add("period", Periods.Check(period, Periods.Charts)).Limit(limit);
        if (validation.Failed) return TypedResults.ValidationProblem(validation.Errors);
        return TypedResults.Ok(new ItemList<TopArtist>(await charts.TopArtistsAsync(period, limit ?? 20, ct)));
    }

    private static async Task<Results<Ok<ItemList<TrendingTrack>>, ValidationProblem, ProblemHttpResult>> TrendingAsync(
        RealtimeCounters realtime, int? limit = null)
    {
        var validation = new Validation().Limit(limit);
        if (validation.Failed) return TypedResults.ValidationProblem(validation.Errors);
        try
        {
            return TypedResults.Ok(new ItemList<TrendingTrack>(await realtime.TrendingAsync(limit ?? 20)));
        }
        catch (RedisException)
        {
            return RealtimeUnavailable();
        }
    }

    public static ProblemHttpResult RealtimeUnavailable() => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Real-time counters unavailable", detail: "The real-time store does not answer; try again shortly.");
}
