using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dexel.Gateway.Aggregation;

/// <summary>
/// GET /api/v1/home: the home screen in one call. The sections are fetched from their services
/// in parallel, with the caller's own token, within one time budget; a slow or dead service
/// costs only its section, which then says so in its status. The call itself always answers 200.
/// </summary>
public static class HomeScreen
{
    public const string Path = "/api/v1/home";
    public const string HttpClientName = "home";
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(250);

    private sealed record Section(string Name, string Service, string PathAndQuery);

    private static readonly Section[] Sections =
    [
        new("recentlyPlayed", "analytics", "/api/v1/me/history?limit=10"),
        new("recommended", "analytics", "/api/v1/recommendations?limit=10"),
        new("trending", "analytics", "/api/v1/analytics/trending?limit=10"),
        new("myPlaylists", "playlist", "/api/v1/playlists?limit=10"),
        new("newReleases", "streaming", "/api/v1/tracks?limit=10"),
    ];

    public static IEndpointRouteBuilder MapHomeScreen(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetAsync).RequireAuthorization().WithTags("Home");
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext http, IHttpClientFactory clients, ILoggerFactory loggers, CancellationToken ct)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(Budget);
        var authorization = http.Request.Headers.Authorization.ToString();
        var logger = loggers.CreateLogger(typeof(HomeScreen));
        var sections = await Task.WhenAll(Sections.Select(section => FetchAsync(clients, section, authorization, logger, budget.Token)));
        var home = new JsonObject();
        foreach (var (name, value) in sections) home[name] = value;
        return Results.Text(home.ToJsonString(), "application/json");
    }

    private static async Task<(string Name, JsonObject Value)> FetchAsync(
        IHttpClientFactory clients, Section section, string authorization, ILogger logger, CancellationToken budget)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var client = clients.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{section.Service}{section.PathAndQuery}");
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await client.SendAsync(request, budget);
            if (!response.IsSuccessStatusCode)
                return (section.Name, Failed("error", $"{section.Service} answered {(int)response.StatusCode}"));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(budget));
            return (section.Name, new JsonObject { ["status"] = "ok", ["items"] = body?["items"]?.DeepClone() ?? new JsonArray() });
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            logger.LogWarning("Home section {Section} from {Service} missed the {Budget} ms budget", section.Name, section.Service, Budget.TotalMilliseconds);
            return (section.Name, Failed("timeout", $"{section.Service} did not answer within {Budget.TotalMilliseconds:0} ms"));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Home section {Section} from {Service} failed after {Elapsed} ms", section.Name, section.Service, clock.ElapsedMilliseconds);
            return (section.Name, Failed("unavailable", $"{section.Service} is unavailable"));
        }
    }

    private static JsonObject Failed(string status, string detail) =>
        new() { ["status"] = status, ["detail"] = detail, ["items"] = new JsonArray() };
}
