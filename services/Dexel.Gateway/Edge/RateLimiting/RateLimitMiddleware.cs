using Dexel.Gateway.Edge;
using Dexel.Gateway.Edge.WebApp;
using Microsoft.Extensions.Options;

namespace Dexel.Gateway.Edge.RateLimiting;

/// <summary>
/// Per-user budgets (per client address when anonymous): 100 requests a minute on free, 1000
/// on premium; signed media has a budget of its own per address. Every answer carries RateLimit-* headers; over budget is 429 with Retry-After.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, RequestBudget budget, IOptionsMonitor<RateLimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsProbe(context.Request.Path) || WebAppHosting.IsWebApp(context.Request.Path))
        {
            await next(context);
            return;
        }

        var (caller, limit) = CallerOf(context, options.CurrentValue);
        var decision = await budget.SpendAsync(caller, limit);
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = decision.Limit.ToString();
        headers["RateLimit-Remaining"] = decision.Remaining.ToString();
        headers["RateLimit-Reset"] = decision.ResetSeconds.ToString();

        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        headers.RetryAfter = decision.ResetSeconds.ToString();
        await GatewayProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"The limit is {decision.Limit} requests a minute; try again in {decision.ResetSeconds} seconds.");
    }

    private static (string Caller, int Limit) CallerOf(HttpContext context, RateLimitOptions limits)
    {
        if (context.Request.Path.StartsWithSegments("/api/v1/media"))
            return ($"media:{context.Connection.RemoteIpAddress}", limits.MediaPerMinute);
        var userId = context.User.FindFirst("sub")?.Value;
        if (userId is null)
            return ($"address:{context.Connection.RemoteIpAddress}", limits.AnonymousPerMinute);
        var premium = context.User.FindFirst("tier")?.Value == "premium";
        return ($"user:{userId}", premium ? limits.PremiumPerMinute : limits.FreePerMinute);
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/metrics");
}
