using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.AppHost.Tests;

/// <summary>What a client app does through the AppHost's gateway.</summary>
internal static class Listener
{
    public static async Task<Session> RegisterAsync(HttpClient gateway)
    {
        var email = $"apphost-{Guid.NewGuid():N}@example.com";
        using var response = await gateway.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = "correct horse battery", displayName = "Listener" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await DexelAppFixture.ReadSessionAsync(response, email);
    }

    public static Task WaitUntilReadyAsync(HttpClient client, Guid trackId) =>
        Eventually.TrueAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}"))
            .GetProperty("status").GetString() == "ready", TimeSpan.FromSeconds(120), "the upload should be transcoded", TimeSpan.FromSeconds(1));

    /// <summary>Retries until playlist has learned of the track from <c>track.published</c>; returns the playlist.</summary>
    public static async Task<JsonElement> AddToNewPlaylistAsync(HttpClient client, Guid trackId)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/playlists", new { name = "Through the AppHost" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var playlistId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        JsonElement playlist = default;
        await Eventually.TrueAsync(async () =>
        {
            using var added = await client.PostAsJsonAsync($"/api/v1/playlists/{playlistId}/tracks", new { trackId });
            if (added.StatusCode != HttpStatusCode.OK) return false;
            playlist = await added.Content.ReadFromJsonAsync<JsonElement>();
            return true;
        }, TimeSpan.FromSeconds(60), "playlist should learn of the track from track.published", TimeSpan.FromSeconds(1));
        return playlist;
    }
}
