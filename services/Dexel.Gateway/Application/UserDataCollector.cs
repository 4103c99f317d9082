using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Dexel.Gateway.Application;

/// <summary>One service's answer was missing or refused, so no export is better than a partial one.</summary>
public sealed class ExportPartUnavailableException(string service, HttpStatusCode? status)
    : Exception(status is null ? $"{service} could not be reached." : $"{service} answered {(int)status}.")
{
    public string Service { get; } = service;
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>
/// Builds the caller's data export: each owning service's part (auth, playlist, streaming, voice,
/// fetched in parallel from <see cref="UserDataExport.ServicePath"/> with the caller's own
/// token), merged into one document, plus the listening history analytics serves.
/// </summary>
public sealed class UserDataCollector(IHttpClientFactory httpClientFactory, TimeProvider clock, ILogger<UserDataCollector> logger)
{
    public const string HttpClientName = "user-data-export";
    // History is read in pages; beyond this many plays the section says it was cut short.
    private const int HistoryPageSize = 100, MaxHistoryPages = 100;
    private static readonly string[] OwningServices = ["auth", "playlist", "streaming", "voice"];

    public async Task<JsonObject> CollectAsync(AuthenticationHeaderValue caller, CancellationToken cancellationToken)
    {
        var history = ListeningHistoryAsync(caller, cancellationToken);
        var parts = await Task.WhenAll(OwningServices.Select(service => PartAsync(service, caller, cancellationToken)));

        var export = new JsonObject { ["exportedAt"] = clock.GetUtcNow().UtcDateTime };
        foreach (var part in parts)
            foreach (var (name, value) in part.ToList())
            {
                part.Remove(name);
                export[name] = value;
            }
        export["listeningHistory"] = await history;
        return export;
    }

    private async Task<JsonObject> PartAsync(string service, AuthenticationHeaderValue caller, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync($"http://{service}{UserDataExport.ServicePath}", caller, cancellationToken);
            if (!response.IsSuccessStatusCode) throw new ExportPartUnavailableException(service, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?.AsObject()
                ?? throw new ExportPartUnavailableException(service, response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Export part of {Service} unavailable", service);
            throw new ExportPartUnavailableException(service, null);
        }
    }

    /// <summary>
    /// Plays from analytics' GET /api/v1/me/history, newest first, following its <c>next</c>
    /// cursor. Until analytics serves that route the section says "unavailable" rather than
    /// failing the whole export, since the other parts are the data the user owns.
    /// </summary>
    private async Task<JsonObject> ListeningHistoryAsync(AuthenticationHeaderValue caller, CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        string? before = null;
        try
        {
            for (var page = 0; page < MaxHistoryPages; page++)
            {
                var url = $"http://analytics/api/v1/me/history?limit={HistoryPageSize}"
                    + (before is null ? "" : $"&before={Uri.EscapeDataString(before)}");
                using var response = await SendAsync(url, caller, cancellationToken);
                if (!response.IsSuccessStatusCode)
                    return Unavailable($"The analytics service answered {(int)response.StatusCode} for the listening history.");
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?.AsObject();
                foreach (var item in body?["items"]?.AsArray().ToList() ?? [])
                {
                    item?.Parent?.AsArray().Remove(item);
                    items.Add(item);
                }
                before = body?["next"]?.GetValue<object>()?.ToString();
                if (string.IsNullOrEmpty(before)) return History("complete", items);
            }
            return History("truncated", items);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException
                                   && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Listening history unavailable for the export");
            return Unavailable("The analytics service could not be reached for the listening history.");
        }
    }

    private static JsonObject History(string status, JsonArray items) => new() { ["status"] = status, ["items"] = items };

    private static JsonObject Unavailable(string detail) =>
        new() { ["status"] = "unavailable", ["detail"] = detail, ["items"] = new JsonArray() };

    private async Task<HttpResponseMessage> SendAsync(string url, AuthenticationHeaderValue caller, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = caller;
        return await client.SendAsync(request, cancellationToken);
    }
}
