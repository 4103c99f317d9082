using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dexel.Voice.Application.Understanding;

namespace Dexel.Voice.Application.Commands;

/// <summary>A service a command needed could not answer; Service names it for the spoken apology.</summary>
public sealed class ServiceUnavailableException(string service, Exception? inner = null)
    : Exception($"The {service} service could not be reached.", inner)
{
    public string Service { get; } = service;
}

/// <summary>A service refused what the command asked (not found, not the caller's, invalid).</summary>
public sealed class CommandRefusedException(string service, HttpStatusCode status)
    : Exception($"The {service} service answered {(int)status}.")
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>A track of the catalog: its names for matching, its genre for "play some jazz", its uploader to follow.</summary>
public sealed record CatalogTrack(Guid Id, string Title, string Artist, string? Genre, Guid UploaderId)
{
    public NameCandidate Candidate => new(Id.ToString(), Title, Artist);

    public TrackSummary Summary => new(Id, Title, Artist);

    public static CatalogTrack From(JsonElement track) => new(track.GetProperty("id").GetGuid(), track.GetProperty("title").GetString()!,
        track.GetProperty("artist").GetString()!, track.TryGetProperty("genre", out var genre) ? genre.GetString() : null,
        track.GetProperty("uploaderId").GetGuid());
}

public sealed record PlaylistEntry(TrackSummary Track, int Position);

public sealed record PlayedTrack(TrackSummary Track, DateTime PlayedAt);

/// <summary>
/// The other services, called with the caller's own token, so a command can do only what the
/// caller could do through the gateway (another user's playlists are never seen).
/// </summary>
public sealed class DexelCalls(IHttpClientFactory http)
{
    public const string HttpClientName = "voice-actions";
    // The newest ready tracks, as many as one page of GET /api/v1/tracks holds (its limit is at most 100).
    private const int CatalogNames = 100;

    /// <summary>The catalog as the caller sees it: what names can match and what genres can play.</summary>
    public async Task<IReadOnlyList<CatalogTrack>> CatalogAsync(string token, CancellationToken cancel) =>
        Items(await SendAsync("streaming", HttpMethod.Get, $"http://streaming/api/v1/tracks?limit={CatalogNames}", token, null, cancel))
            .Select(CatalogTrack.From).ToList();

    public async Task<IReadOnlyList<CatalogTrack>> SearchAsync(string query, int limit, string token, CancellationToken cancel) =>
        Items(await SendAsync("streaming", HttpMethod.Get, $"http://streaming/api/v1/tracks?q={Uri.EscapeDataString(query)}&limit={limit}", token, null, cancel))
            .Select(CatalogTrack.From).ToList();

    public async Task<CatalogTrack> TrackAsync(Guid trackId, string token, CancellationToken cancel) =>
        CatalogTrack.From(await SendAsync("streaming", HttpMethod.Get, $"http://streaming/api/v1/tracks/{trackId}", token, null, cancel));

    public async Task<StreamLinks> StreamAsync(Guid trackId, string token, CancellationToken cancel)
    {
        var body = await SendAsync("streaming", HttpMethod.Get, $"http://streaming/api/v1/tracks/{trackId}/stream", token, null, cancel);
        return new StreamLinks(body.GetProperty("hls").GetString()!, body.GetProperty("dash").GetString()!);
    }

    public async Task<IReadOnlyList<NameCandidate>> PlaylistsAsync(string token, CancellationToken cancel) =>
        Items(await SendAsync("playlist", HttpMethod.Get, "http://playlist/api/v1/playlists", token, null, cancel))
            .Select(p => new NameCandidate(p.GetProperty("id").GetString()!, p.GetProperty("name").GetString()!))
            .ToList();

    public async Task<IReadOnlyList<PlaylistEntry>> PlaylistEntriesAsync(Guid playlistId, string token, CancellationToken cancel) =>
        (await SendAsync("playlist", HttpMethod.Get, $"http://playlist/api/v1/playlists/{playlistId}", token, null, cancel))
            .GetProperty("tracks").EnumerateArray()
            .Select(t => new PlaylistEntry(Summary(t, "trackId"), t.GetProperty("position").GetInt32()))
            .ToList();

    public async Task<IReadOnlyList<TrackSummary>> LikedTracksAsync(string token, CancellationToken cancel) =>
        Items(await SendAsync("playlist", HttpMethod.Get, "http://playlist/api/v1/me/likes", token, null, cancel)).Select(t => Summary(t, "id")).ToList();

    public Task DeletePlaylistAsync(Guid playlistId, string token, CancellationToken cancel) =>
        SendAsync("playlist", HttpMethod.Delete, $"http://playlist/api/v1/playlists/{playlistId}", token, null, cancel);

    public async Task<Guid> CreatePlaylistAsync(string name, string token, CancellationToken cancel) =>
        (await SendAsync("playlist", HttpMethod.Post, "http://playlist/api/v1/playlists", token, new { name }, cancel)).GetProperty("id").GetGuid();

    public Task AddToPlaylistAsync(Guid playlistId, Guid trackId, string token, CancellationToken cancel) =>
        SendAsync("playlist", HttpMethod.Post, $"http://playlist/api/v1/playlists/{playlistId}/tracks", token, new { trackId }, cancel);

    public Task RemoveFromPlaylistAsync(Guid playlistId, int position, string token, CancellationToken cancel) =>
        SendAsync("playlist", HttpMethod.Delete, $"http://playlist/api/v1/playlists/{playlistId}/tracks/{position}", token, null, cancel);

    public Task LikeAsync(Guid trackId, bool like, string token, CancellationToken cancel) =>
        SendAsync("playlist", like ? HttpMethod.Put : HttpMethod.Delete, $"http://playlist/api/v1/me/likes/{trackId}", token, null, cancel);

    public Task FollowAsync(Guid userId, string token, CancellationToken cancel) =>
        SendAsync("playlist", HttpMethod.Put, $"http://playlist/api/v1/me/following/{userId}", token, null, cancel);

    public async Task<IReadOnlyList<TrackSummary>> RecommendationsAsync(int limit, string token, CancellationToken cancel) =>
        Items(await SendAsync("analytics", HttpMethod.Get, $"http://analytics/api/v1/recommendations?limit={limit}", token, null, cancel))
            .Select(t => Summary(t, "trackId")).ToList();

    /// <summary>The caller's latest plays, newest first.</summary>
    public async Task<IReadOnlyList<PlayedTrack>> HistoryAsync(int limit, string token, CancellationToken cancel) =>
        Items(await SendAsync("analytics", HttpMethod.Get, $"http://analytics/api/v1/me/history?limit={limit}", token, null, cancel))
            .Select(t => new PlayedTrack(Summary(t, "trackId"), t.GetProperty("playedAt").GetDateTime().ToUniversalTime())).ToList();

    private static TrackSummary Summary(JsonElement track, string idProperty) =>
        new(track.GetProperty(idProperty).GetGuid(), track.GetProperty("title").GetString() ?? "", track.GetProperty("artist").GetString() ?? "");

    private static IEnumerable<JsonElement> Items(JsonElement body) => body.GetProperty("items").EnumerateArray();

    private async Task<JsonElement> SendAsync(string service, HttpMethod method, string url, string token, object? json, CancellationToken cancel)
    {
        HttpResponseMessage response;
        using var client = http.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(method, url) { Content = json is null ? null : JsonContent.Create(json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            response = await client.SendAsync(request, cancel);
        }
        // Service discovery throws InvalidOperationException when it knows no address for the service.
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException || (ex is TaskCanceledException && !cancel.IsCancellationRequested))
        {
            throw new ServiceUnavailableException(service, ex);
        }
        using (response)
        {
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests) throw new ServiceUnavailableException(service);
            if (!response.IsSuccessStatusCode) throw new CommandRefusedException(service, response.StatusCode);
            return response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<JsonElement>(cancel);
        }
    }
}
