using System.Globalization;
using System.Runtime.CompilerServices;
using Dexel.Analytics.Application;
using Dexel.Analytics.Application.Realtime;
using Dexel.Analytics.Application.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;

namespace Dexel.Analytics.Apis;

/// <summary>Platform numbers for holders of the admin role.</summary>
public static class AdminAnalyticsApi
{
    private const int MaxOverviewDays = 366;

    public static IEndpointRouteBuilder MapAdminAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/analytics").WithTags("Admin analytics")
            .RequireAuthorization(policy => policy.RequireRole(TrackStatsApi.AdminRole));
        admin.MapGet("/overview", OverviewAsync);
        admin.MapGet("/voice", VoiceAsync);
        admin.MapGet("/realtime", RealtimeAsync);
        admin.MapGet("/realtime/stream", Stream);
        return app;
    }

    private static async Task<Results<Ok<Overview>, ValidationProblem>> OverviewAsync(
        AdminQueries queries, TimeProvider clock, CancellationToken ct, string? from = null, string? to = null)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var validation = new Validation();
        var end = ParseDate(to, today, "to", validation);
        var start = ParseDate(from, end.AddDays(-29), "from", validation);
        if (!validation.Failed && start > end) validation.Add("from", "from must not be after to.");
        if (!validation.Failed && end.DayNumber - start.DayNumber >= MaxOverviewDays) validation.Add("to", $"The range is at most {MaxOverviewDays} days.");
        if (validation.Failed) return TypedResults.ValidationProblem(validation.Errors);
        return TypedResults.Ok(await queries.OverviewAsync(start, end, ct));
    }

    private static DateOnly ParseDate(string? value, DateOnly fallback, string field, Validation validation)
    {
        if (value is null) return fallback;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is > 1970 and < 2100) return date;
        validation.Add(field, $"{field} must be a UTC date, yyyy-MM-dd.");
        return fallback;
    }

    private static async Task<Results<Ok<VoiceReport>, ValidationProblem>> VoiceAsync(AdminQueries queries, CancellationToken ct, string period = "week")
    {
        var validation = new Validation().Add("period", Periods.Check(period, Periods.Charts));
        if (validation.Failed) return TypedResults.ValidationProblem(validation.Errors);
        return TypedResults.Ok(await queries.VoiceAsync(period, ct));
    }

    private static async Task<Results<Ok<RealtimeSnapshot>, ProblemHttpResult>> RealtimeAsync(RealtimeCounters realtime)
    {
        try
        {
            return TypedResults.Ok(await realtime.SnapshotAsync(10));
        }
        catch (RedisException)
        {
            return ChartsApi.RealtimeUnavailable();
        }
    }

    /// <summary>The same snapshot as server-sent events, one a second, until the client goes away.</summary>
    private static ServerSentEventsResult<RealtimeSnapshot> Stream(RealtimeCounters realtime, ILogger<RealtimeCounters> logger, CancellationToken ct) =>
        TypedResults.ServerSentEvents(Snapshots(realtime, logger, ct), eventType: "realtime");

    private static async IAsyncEnumerable<RealtimeSnapshot> Snapshots(RealtimeCounters realtime, ILogger logger, [EnumeratorCancellation] CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            RealtimeSnapshot? snapshot = null;
            try
            {
                snapshot = await realtime.SnapshotAsync(10);
            }
            catch (RedisException ex)
            {
                logger.LogWarning(ex, "Real-time snapshot skipped");
            }
            if (snapshot is not null) yield return snapshot;
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
