using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
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

    public static async Task<Guid> UploadAsync(HttpClient client, string title, string? traceParent = null)
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
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tracks") { Content = form };
            if (traceParent is not null) request.Headers.Add("traceparent", traceParent);
            using var upload = await client.SendAsync(request);
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
