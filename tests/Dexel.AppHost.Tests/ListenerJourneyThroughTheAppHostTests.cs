using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.AppHost.Tests;

/// <summary>
/// The AppHost's wiring end to end: with every resource healthy, a listener registers, uploads a
/// track, finds and plays it, and puts it in a playlist, which learns of it from Kafka.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ListenerJourneyThroughTheAppHostTests(DexelAppHostFixture appHost, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_service_and_server_is_healthy()
    {
        output.WriteLine($"AppHost healthy after {appHost.StartTime.TotalSeconds:0.0} s: {string.Join(", ", appHost.HealthyResources)}");
        Assert.Equal(["analytics", "auth", "clickhouse-server", "gateway", "kafka", "minio", "playlist", "postgres", "redis", "streaming", "voice"],
            appHost.HealthyResources.Order());
        using var gateway = appHost.CreateGatewayClient();
        using var health = await gateway.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_listener_uploads_finds_plays_and_keeps_a_track()
    {
        using var anonymous = appHost.CreateGatewayClient();
        var listener = await RegisterAsync(anonymous);
        using var client = appHost.CreateGatewayClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", listener.AccessToken);
        var title = $"AppHost {Guid.NewGuid():N}"[..16];

        var trackId = await UploadAsync(client, title);
        await Eventually.TrueAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}"))
            .GetProperty("status").GetString() == "ready", TimeSpan.FromSeconds(120), "the upload should be transcoded", TimeSpan.FromSeconds(1));

        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks?q={Uri.EscapeDataString(title.ToLowerInvariant())}");
        Assert.Equal(trackId, found.GetProperty("items")[0].GetProperty("id").GetGuid());
        var stream = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}/stream");
        Assert.Contains("#EXT-X-STREAM-INF", await anonymous.GetStringAsync(stream.GetProperty("hls").GetString()));

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
        Assert.Equal(title, playlist.GetProperty("tracks")[0].GetProperty("title").GetString());
    }

    private static async Task<Session> RegisterAsync(HttpClient gateway)
    {
        var email = $"apphost-{Guid.NewGuid():N}@example.com";
        using var response = await gateway.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = "correct horse battery", displayName = "Listener" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await DexelAppFixture.ReadSessionAsync(response, email);
    }

    private static async Task<Guid> UploadAsync(HttpClient client, string title)
    {
        var wav = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.wav");
        Ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-ac", "2", "-ar", "44100", wav);
        try
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(title), "title" },
                { new StringContent("Dexel Ensemble"), "artist" },
            };
            var file = new StreamContent(File.OpenRead(wav));
            file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            form.Add(file, "file", "apphost.wav");
            using var upload = await client.PostAsync("/api/v1/tracks", form);
            Assert.True(upload.StatusCode == HttpStatusCode.Accepted, await upload.Content.ReadAsStringAsync());
            return (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        finally
        {
            File.Delete(wav);
        }
    }

    private static void Ffmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in (string[])["-nostdin", "-v", "error", "-y", .. arguments]) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "ffmpeg did not finish in 30 s");
        Assert.True(process.ExitCode == 0, errors);
    }
}
