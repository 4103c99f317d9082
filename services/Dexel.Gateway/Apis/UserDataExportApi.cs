using System.Net;
using System.Net.Http.Headers;
using Dexel.Gateway.Application;
using Dexel.Gateway.Edge;

namespace Dexel.Gateway.Apis;

public static class UserDataExportApi
{
    public const string Path = "/api/v1/users/me/export";

    /// <summary>GET /api/v1/users/me/export: everything the caller owns, as one JSON document.</summary>
    public static IEndpointRouteBuilder MapUserDataExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ExportAsync).RequireAuthorization().WithTags("Users")
            .WithSummary("Everything the caller owns: profile, playlists, likes, follows, uploads, listening history")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task ExportAsync(HttpContext http, UserDataCollector collector, CancellationToken ct)
    {
        // The services judge the caller by the same token the gateway just accepted.
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization.ToString(), out var caller))
        {
            await GatewayProblems.WriteAsync(http, StatusCodes.Status401Unauthorized, "Not signed in", "Send your access token as a Bearer token.");
            return;
        }
        try
        {
            var export = await collector.CollectAsync(caller, ct);
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"dexel-export.json\"";
            await Results.Json(export).ExecuteAsync(http);
        }
        catch (ExportPartUnavailableException ex) when (ex.Status is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
        {
            // The services judged the token or the account differently from the gateway (it ended or was deleted just now).
            await GatewayProblems.WriteAsync(http, StatusCodes.Status401Unauthorized, "Not signed in",
                "Your session or account has ended; sign in again to export your data.");
        }
        catch (ExportPartUnavailableException ex)
        {
            await GatewayProblems.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Export unavailable",
                $"Part of your data could not be collected ({ex.Service}); nothing is left out silently, so try again shortly.");
        }
    }
}
