using System.Net.Http.Json;

namespace Dexel.Web.Api;

/// <summary>The gateway's API as the pages use it; a failed call throws <see cref="ApiProblem"/>.</summary>
public sealed class DexelApi(HttpClient http)
{
    public Task<HomeScreen> HomeAsync() => GetAsync<HomeScreen>("api/v1/home");

    public async Task<List<Track>> SearchAsync(string query, int limit = 20) =>
        (await GetAsync<ItemList<Track>>($"api/v1/tracks?q={Uri.EscapeDataString(query)}&limit={limit}")).Items;

    public async Task<List<Track>> NewReleasesAsync(int limit = 10) => (await GetAsync<ItemList<Track>>($"api/v1/tracks?limit={limit}")).Items;

    public async Task<List<HistoryItem>> HistoryAsync(int limit = 10) => (await GetAsync<ItemList<HistoryItem>>($"api/v1/me/history?limit={limit}")).Items;

    public async Task<List<ChartTrack>> RecommendationsAsync(int limit = 10) => (await GetAsync<ItemList<ChartTrack>>($"api/v1/recommendations?limit={limit}")).Items;

    public async Task<List<ChartTrack>> TrendingAsync(int limit = 10) => (await GetAsync<ItemList<ChartTrack>>($"api/v1/analytics/trending?limit={limit}")).Items;

    public Task<Track> TrackAsync(string id) => GetAsync<Track>($"api/v1/tracks/{id}");

    public Task<StreamLinks> StreamAsync(string trackId) => GetAsync<StreamLinks>($"api/v1/tracks/{trackId}/stream");

    public Task PlaybackEventAsync(string trackId, string type, long positionMs) =>
        SendAsync(HttpMethod.Post, "api/v1/playback/events", new { trackId, type, positionMs });

    public Task<TrackStats> TrackStatsAsync(string id, string period = "month") => GetAsync<TrackStats>($"api/v1/tracks/{id}/stats?period={period}");

    public async Task<List<Playlist>> PlaylistsAsync() => (await GetAsync<ItemList<Playlist>>("api/v1/playlists")).Items;

    public Task<Playlist> PlaylistAsync(string id) => GetAsync<Playlist>($"api/v1/playlists/{id}");

    public Task<Playlist> CreatePlaylistAsync(string name) => SendAsync<Playlist>(HttpMethod.Post, "api/v1/playlists", new { name });

    public Task<Playlist> RenamePlaylistAsync(string id, string name) => SendAsync<Playlist>(HttpMethod.Patch, $"api/v1/playlists/{id}", new { name });

    public Task DeletePlaylistAsync(string id) => SendAsync(HttpMethod.Delete, $"api/v1/playlists/{id}");

    public Task<Playlist> AddToPlaylistAsync(string id, string trackId) => SendAsync<Playlist>(HttpMethod.Post, $"api/v1/playlists/{id}/tracks", new { trackId });

    public Task<Playlist> RemoveFromPlaylistAsync(string id, int position) => SendAsync<Playlist>(HttpMethod.Delete, $"api/v1/playlists/{id}/tracks/{position}");

    public Task<Playlist> ReorderAsync(string id, IEnumerable<string> entryIds, int version) =>
        SendAsync<Playlist>(HttpMethod.Put, $"api/v1/playlists/{id}/tracks/order", new { entryIds, version });

    public Task<ShareLink> ShareAsync(string id) => SendAsync<ShareLink>(HttpMethod.Post, $"api/v1/playlists/{id}/share");

    public Task RevokeShareAsync(string id, string token) => SendAsync(HttpMethod.Delete, $"api/v1/playlists/{id}/share/{token}");

    public Task<Playlist> SharedAsync(string token) => GetAsync<Playlist>($"api/v1/shared/{token}");

    public async Task<List<Track>> LikesAsync() => (await GetAsync<ItemList<Track>>("api/v1/me/likes")).Items;

    public Task LikeAsync(string trackId, bool like) => SendAsync(like ? HttpMethod.Put : HttpMethod.Delete, $"api/v1/me/likes/{trackId}");

    public Task FollowAsync(string userId, bool follow) => SendAsync(follow ? HttpMethod.Put : HttpMethod.Delete, $"api/v1/me/following/{userId}");

    public Task<ListenerProfile> ProfileAsync(string userId) => GetAsync<ListenerProfile>($"api/v1/users/{userId}");

    public async Task<List<Person>> FollowersAsync(string userId) => (await GetAsync<ItemList<Person>>($"api/v1/users/{userId}/followers?limit=100")).Items;

    public async Task<List<Person>> FollowingAsync(string userId) => (await GetAsync<ItemList<Person>>($"api/v1/users/{userId}/following?limit=100")).Items;

    public Task<ListenerStats> MyStatsAsync(string period) => GetAsync<ListenerStats>($"api/v1/me/stats?period={period}");

    public Task<VoiceReport> VoiceReportAsync() => GetAsync<VoiceReport>("api/v1/admin/analytics/voice?period=day");

    public Task<CommandResponse> CommandAsync(string text, CommandContext context) =>
        SendAsync<CommandResponse>(HttpMethod.Post, "api/v1/voice/commands", new { text, context });

    public async Task<string> StreamTicketAsync() => (await SendAsync<StreamTicket>(HttpMethod.Post, "api/v1/voice/stream/tickets")).Ticket;

    private sealed record StreamTicket(string Ticket);

    /// <summary>A response read as it arrives (server-sent events); the caller disposes it.</summary>
    public async Task<HttpResponseMessage> SendStreamingAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ApiProblem.FromAsync(response);
    }

    private async Task<T> GetAsync<T>(string path)
    {
        using var response = await http.GetAsync(path);
        return await ReadAsync<T>(response);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body = null)
    {
        using var response = await http.SendAsync(Request(method, path, body));
        return await ReadAsync<T>(response);
    }

    private async Task SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var response = await http.SendAsync(Request(method, path, body));
        if (!response.IsSuccessStatusCode) throw await ApiProblem.FromAsync(response);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, object? body) =>
        new(method, path) { Content = body is null ? null : JsonContent.Create(body) };

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode) throw await ApiProblem.FromAsync(response);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
