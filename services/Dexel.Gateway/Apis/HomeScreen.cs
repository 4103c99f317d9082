using System.Diagnostics;
using System.Text.Json;

namespace Dexel.Gateway.Apis;

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
        app.MapGet(Path, GetAsync).RequireAuthorization().WithTags("Home")
            .WithSummary("The home screen in one call: each section from its service, within 250 ms");
        return app;
    }

    private static async Task<HomeScreenResponse> GetAsync(HttpContext http, IHttpClientFactory clients, ILoggerFactory loggers, CancellationToken ct)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(Budget);
        var authorization = http.Request.Headers.Authorization.ToString();
        var logger = loggers.CreateLogger(typeof(HomeScreen));
        var sections = (await Task.WhenAll(Sections.Select(section => FetchAsync(clients, section, authorization, logger, budget.Token))))
            .ToDictionary(s => s.Name, s => s.Value);
        return new HomeScreenResponse(sections["recentlyPlayed"], sections["recommended"], sections["trending"], sections["myPlaylists"], sections["newReleases"]);
    }

    private static async Task<(string Name, HomeSection Value)> FetchAsync(
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
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(budget));
            var items = body.RootElement.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(item => item.Clone()).ToList()
                : [];
            return (section.Name, new HomeSection("ok", null, items));
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

    private static HomeSection Failed(string status, string detail) => new(status, detail, []);
}

/// <param name="Status">ok, timeout, error or unavailable; anything but ok comes with a detail and no items.</param>
/// <param name="Items">As the section's own route returns them (history, recommendations, trending, playlists, tracks).</param>
public sealed record HomeSection(string Status, string? Detail, IReadOnlyList<JsonElement> Items);

public sealed record HomeScreenResponse(
    HomeSection RecentlyPlayed, HomeSection Recommended, HomeSection Trending, HomeSection MyPlaylists, HomeSection NewReleases);
