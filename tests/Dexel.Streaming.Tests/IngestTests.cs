using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Dexel.Streaming.Tests;

/// <summary>What happens to uploads that are not good audio, too big, many at once, or caught by a crash.</summary>
[Collection(StreamingCollection.Name)]
public sealed class IngestTests(StreamingFixture app)
{
    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "random-bytes", "noise.mp3", "not readable audio" },
        { "text-as-mp3", "lyrics.mp3", "not readable audio" },
        { "truncated-wav", "cut.wav", "truncated" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_is_not_whole_audio_ends_failed_with_a_reason(string kind, string name, string reason)
    {
        var listener = await app.RegisterAsync();
        var path = app.Audio.Bytes($"{Guid.NewGuid():N}-{name}", kind switch
        {
            "random-bytes" => RandomNumberGenerator.GetBytes(64 * 1024),
            "text-as-mp3" => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("la la la, this is not a song\n", 500))),
            _ => Truncate(File.ReadAllBytes(app.Audio.Tone(6))),
        });

        var id = await app.UploadAsync(listener, path, name.EndsWith(".wav") ? "audio/wav" : "audio/mpeg", kind);
        var track = await app.WaitFinishedAsync(listener, id);

        Assert.Equal("failed", track.GetProperty("status").GetString());
        Assert.Contains(reason, track.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        // A bad file is not retried: one attempt, and the job is marked failed.
        Assert.Equal(1, await app.QueryCatalogAsync<int>("SELECT attempts FROM transcode_jobs WHERE track_id = @id", id));
        using var client = app.CreateClient(listener);
        using var stream = await client.GetAsync($"/api/v1/tracks/{id}/stream");
        Assert.Equal(HttpStatusCode.Conflict, stream.StatusCode);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_with_413()
    {
        var listener = await app.RegisterAsync();
        var path = app.Audio.Bytes($"{Guid.NewGuid():N}-big.wav", new byte[StreamingFixture.MaxUploadBytes + 1]);
        using var client = app.CreateClient(listener);
        using var form = StreamingFixture.UploadForm(path, "audio/wav", "Too big");
        using var response = await client.PostAsync("/api/v1/tracks", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Uploads_missing_fields_or_not_multipart_or_not_audio_are_refused_at_once()
    {
        var listener = await app.RegisterAsync();
        using var client = app.CreateClient(listener);

        using (var noTitle = new MultipartFormDataContent { { new StringContent("Artist"), "artist" } })
        {
            noTitle.Add(new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = new MediaTypeHeaderValue("audio/wav") } }, "file", "a.wav");
            using var response = await client.PostAsync("/api/v1/tracks", noTitle);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty("title", out _));
        }

        using (var json = await client.PostAsJsonAsync("/api/v1/tracks", new { title = "x", artist = "y" }))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);

        using var image = StreamingFixture.UploadForm(app.Audio.Bytes($"{Guid.NewGuid():N}.png", [0x89, 0x50, 0x4E, 0x47]), "image/png", "Picture");
        using (var response = await client.PostAsync("/api/v1/tracks", image))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);

        using var anonymous = app.CreateClient();
        using var unsigned = StreamingFixture.UploadForm(app.Audio.Tone(1.5), "audio/wav", "Nobody's");
        using (var response = await anonymous.PostAsync("/api/v1/tracks", unsigned))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_track_still_processing_or_failed_is_visible_only_to_its_owner()
    {
        var owner = await app.RegisterAsync();
        var other = await app.RegisterAsync();
        var id = await app.UploadAsync(owner, app.Audio.Bytes($"{Guid.NewGuid():N}.mp3", RandomNumberGenerator.GetBytes(4096)), "audio/mpeg", "Private mess");
        await app.WaitFinishedAsync(owner, id);

        using var client = app.CreateClient(other);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tracks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tracks/{id}/stream")).StatusCode);
    }

    [Fact]
    public async Task Five_uploads_at_once_all_become_ready()
    {
        var listener = await app.RegisterAsync();
        var ids = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            app.UploadAsync(listener, app.Audio.Tone(5, frequency: 300 + 100 * i), "audio/wav", $"Concurrent {i}")));

        // One after another: five pollers at once would spend the user's rate limit.
        var tracks = new List<JsonElement>();
        foreach (var id in ids) tracks.Add(await app.WaitFinishedAsync(listener, id, TimeSpan.FromMinutes(3)));

        Assert.All(tracks, track => Assert.Equal("ready", track.GetProperty("status").GetString()));
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_streaming_crash_during_transcoding_still_ends_ready()
    {
        var listener = await app.RegisterAsync();
        // Long enough that the crash lands while ffmpeg is still working on it.
        var id = await app.UploadAsync(listener, app.Audio.Tone(600, extension: "mp3", bitrate: "32k"), "audio/mpeg", "Interrupted");
        await Eventually.TrueAsync(async () =>
            await app.QueryCatalogAsync<string>("SELECT status FROM transcode_jobs WHERE track_id = @id", id) == "running",
            TimeSpan.FromSeconds(30), "the job should be claimed");

        await app.StopServiceAsync("streaming");
        Assert.Equal("running", await app.QueryCatalogAsync<string>("SELECT status FROM transcode_jobs WHERE track_id = @id", id));
        await app.StartServiceAsync("streaming");

        var track = await app.WaitFinishedAsync(listener, id, TimeSpan.FromMinutes(4));
        Assert.Equal("ready", track.GetProperty("status").GetString());
        Assert.InRange(track.GetProperty("durationMs").GetInt64(), 599_000, 601_000);
        // The restarted service took the job over once the dead worker's lease ran out.
        Assert.Equal(2, await app.QueryCatalogAsync<int>("SELECT attempts FROM transcode_jobs WHERE track_id = @id", id));
    }

    private static byte[] Truncate(byte[] wav) => wav[..(wav.Length / 2)];
}
