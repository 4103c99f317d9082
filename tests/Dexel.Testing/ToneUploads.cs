using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Testing;

/// <summary>Uploads a tone made by ffmpeg through the gateway, the way a client uploads a track.</summary>
public static class ToneUploads
{
    /// <param name="garbage">Uploaded instead of the tone, as a .wav, to exercise corrupt audio.</param>
    /// <param name="traceParent">Sent as the request's W3C traceparent, to follow the upload in a trace.</param>
    /// <returns>The new track's id (the upload must be accepted).</returns>
    public static async Task<Guid> UploadAsync(HttpClient client, string title, string artist = "Dexel Ensemble",
        double seconds = 3, int frequency = 440, byte[]? garbage = null, string? traceParent = null, string? genre = null)
    {
        var wav = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.wav");
        try
        {
            if (garbage is not null) await File.WriteAllBytesAsync(wav, garbage);
            else WriteTone(wav, seconds, frequency);
            using var form = new MultipartFormDataContent
            {
                { new StringContent(title), "title" },
                { new StringContent(artist), "artist" },
            };
            if (genre is not null) form.Add(new StringContent(genre), "genre");
            var file = new StreamContent(File.OpenRead(wav));
            file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            form.Add(file, "file", "tone.wav");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tracks") { Content = form };
            if (traceParent is not null) request.Headers.Add("traceparent", traceParent);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Accepted)
                throw new InvalidOperationException($"The upload answered {(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        }
        finally
        {
            File.Delete(wav);
        }
    }

    /// <summary>Waits until the track is transcoded (status ready), up to two minutes.</summary>
    public static Task WaitReadyAsync(HttpClient client, Guid id) =>
        Eventually.TrueAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{id}")).GetProperty("status").GetString() == "ready",
            TimeSpan.FromSeconds(120), "the upload should be transcoded", TimeSpan.FromSeconds(1));

    /// <summary>A stereo 44.1 kHz sine tone as WAV.</summary>
    public static void WriteTone(string path, double seconds, int frequency)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in (string[])["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
            $"sine=frequency={frequency}:duration={seconds}", "-ac", "2", "-ar", "44100", path])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30))) throw new TimeoutException("ffmpeg did not finish in 30 s");
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed: {errors}");
    }
}
