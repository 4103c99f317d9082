using Dexel.Analytics.Application;
using Dexel.Analytics.Application.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dexel.Analytics.Apis;

/// <summary>The caller's own listening: always the token's user, never one named in the request.</summary>
public static class ListenerApi
{
    public static IEndpointRouteBuilder MapListenerApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Listening").RequireAuthorization();
        me.MapGet("/history", HistoryAsync);
        me.MapGet("/stats", StatsAsync);
        return app;
    }

    private static async Task<Results<Ok<HistoryPage>, ValidationProblem>> HistoryAsync(
        HttpContext http, ListenerQueries queries, CancellationToken ct, int? limit = null, string? before = null)
    {
        HistoryCursor? cursor = null;
        var validation = new Validation().Limit(limit)
            .Add("before", before is null || HistoryCursor.TryParse(before, out cursor) ? null : "before must be a 'next' value from a previous page or an ISO-8601 time.");
        if (validation.Failed) return TypedResults.ValidationProblem(validation.Errors);
        return TypedResults.Ok(await queries.HistoryAsync(http.User.GetUserId(), limit ?? 20, cursor, ct));
    }

    private static async Task<Results<Ok<ListenerStats>, ValidationProblem>> StatsAsync(
        HttpContext http, ListenerQueries queries, CancellationToken ct, string period = "month")
    {
        var validation = new Validation().Add("period", Periods.Check(period, Periods.Listener));
        if (validation.Failed) return TypedResults.ValidationProblem(validation.Errors);
        return TypedResults.Ok(await queries.StatsAsync(http.User.GetUserId(), period, ct));
    }
}
