using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Platform.Tests;

/// <summary>
/// A client app's day, only through the gateway: upload a track, find it, play it, and the
/// playlist service learns of it from streaming's track.published on the shared Kafka.
/// </summary>
[Collection(AllServicesCollection.Name)]
public sealed class ListenerJourneyTests(AllServicesFixture app)
{
    [Fact]
    public async Task An_uploaded_track_is_found_played_put_in_a_playlist_liked_and_shared()
    {
        var artist = await app.RegisterAsync(displayName: "Artist");
        var listener = await app.RegisterAsync(displayName: "Listener");
        using var artistClient = app.CreateClient(artist);
        using var client = app.CreateClient(listener);
        var title = $"Journey {Guid.NewGuid():N}"[..16];

        var trackId = await ToneUploads.UploadAsync(artistClient, title, frequency: 523);

        await Eventually.TrueAsync(async () => (await artistClient.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}"))
            .GetProperty("status").GetString() == "ready", TimeSpan.FromSeconds(90), "the upload should be transcoded", TimeSpan.FromSeconds(1));

        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks?q={Uri.EscapeDataString(title.ToLowerInvariant())}");
        Assert.Equal(trackId, found.GetProperty("items")[0].GetProperty("id").GetGuid());
        var stream = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}/stream");
        using (var media = app.CreateClient())
            Assert.Contains("#EXT-X-STREAM-INF", await media.GetStringAsync(stream.GetProperty("hls").GetString()));

        using var created = await client.PostAsJsonAsync("/api/v1/playlists", new { name = "Morning" });
        var playlistId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        JsonElement playlist = default;
        await Eventually.TrueAsync(async () =>
        {
            using var added = await client.PostAsJsonAsync($"/api/v1/playlists/{playlistId}/tracks", new { trackId });
            if (added.StatusCode != HttpStatusCode.OK) return false;
            playlist = await added.Content.ReadFromJsonAsync<JsonElement>();
            return true;
        }, TimeSpan.FromSeconds(30), "playlist should learn of the track from track.published", TimeSpan.FromSeconds(1));
        var entry = playlist.GetProperty("tracks")[0];
        Assert.Equal(title, entry.GetProperty("title").GetString());
        Assert.Equal("Dexel Ensemble", entry.GetProperty("artist").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/api/v1/me/likes/{trackId}", null)).StatusCode);
        using var share = await client.PostAsync($"/api/v1/playlists/{playlistId}/share", null);
        var url = (await share.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString();
        using var anonymous = app.CreateClient();
        var shared = await anonymous.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(trackId, shared.GetProperty("tracks")[0].GetProperty("trackId").GetGuid());
    }
}
