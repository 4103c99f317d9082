using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dexel.Testing;

namespace Dexel.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class UploadAndPlaybackTests(StreamingFixture app)
{
    [Theory]
    [InlineData("wav", "audio/wav")]
    [InlineData("mp3", "audio/mpeg")]
    [InlineData("flac", "audio/flac")]
    public async Task An_uploaded_file_becomes_ready_and_every_hls_and_dash_url_plays_without_a_token(string format, string contentType)
    {
        var listener = await app.RegisterAsync();
        var wav = app.Audio.Tone(8);
        var file = format == "wav" ? wav : app.Audio.Convert(wav, format);

        var id = await app.UploadAsync(listener, file, contentType, $"Tone {format}", "Sine Wave", "Test Signals");
        var track = await app.WaitFinishedAsync(listener, id);

        Assert.True(track.GetProperty("status").GetString() == "ready", track.ToString());
        Assert.InRange(track.GetProperty("durationMs").GetInt64(), 7700, 8300);
        Assert.Equal([64, 128, 256], track.GetProperty("bitratesKbps").EnumerateArray().Select(b => b.GetInt32()));
        Assert.Equal("Test Signals", track.GetProperty("album").GetString());

        using var client = app.CreateClient(listener);
        var stream = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{id}/stream");
        var expiresAt = stream.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));

        // Media is fetched with no Authorization header at all: the signed URLs are enough.
        using var media = app.CreateClient();
        var master = await GetTextAsync(media, stream.GetProperty("hls").GetString()!, "application/vnd.apple.mpegurl");
        Assert.Equal(3, Playlists.StreamInfCount(master));
        var variants = Playlists.HlsVariants(master);
        Assert.Equal(3, variants.Count);

        foreach (var variant in variants)
        {
            var playlist = await GetTextAsync(media, variant, "application/vnd.apple.mpegurl");
            var (init, segments) = Playlists.HlsMedia(playlist);
            Assert.Equal(2, segments.Count); // 8 s in ~6 s segments
            var initBytes = await GetBytesAsync(media, init);
            foreach (var segment in segments)
            {
                var bytes = await GetBytesAsync(media, segment);
                Assert.Equal("aac", ProbeCodec([.. initBytes, .. bytes]));
            }
        }

        var mpd = await GetTextAsync(media, stream.GetProperty("dash").GetString()!, "application/dash+xml");
        var representations = Playlists.DashRepresentations(mpd);
        Assert.Equal(3, representations.Length);
        foreach (var representation in representations)
        {
            var urls = Playlists.DashUrls(representation);
            Assert.Equal(3, urls.Count); // init + 2 segments
            foreach (var url in urls) await GetBytesAsync(media, url);
        }

        var published = await KafkaProbe.ReadAsync(app.Kafka.ConnectionString, "track.published",
            m => m.Message.Key == id.ToString(), expected: 1, TimeSpan.FromSeconds(30));
        var payload = KafkaProbe.Json(Assert.Single(published));
        Assert.Equal(listener.UserId, payload.GetProperty("ownerId").GetGuid());
        Assert.Equal($"Tone {format}", payload.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Segments_are_cacheable_while_signed_ranged_and_conditional_and_playlists_short_lived()
    {
        var listener = await app.RegisterAsync();
        var id = await app.UploadAsync(listener, app.Audio.Tone(4), "audio/wav", "Headers", "Sine Wave");
        Assert.Equal("ready", (await app.WaitFinishedAsync(listener, id)).GetProperty("status").GetString());
        using var client = app.CreateClient(listener);
        var stream = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{id}/stream");
        using var media = app.CreateClient();

        using var masterResponse = await media.GetAsync(stream.GetProperty("hls").GetString());
        Assert.Equal(HttpStatusCode.OK, masterResponse.StatusCode);
        Assert.True(masterResponse.Headers.CacheControl!.MaxAge <= TimeSpan.FromMinutes(1));
        var masterTag = masterResponse.Headers.ETag!;
        using (var again = new HttpRequestMessage(HttpMethod.Get, stream.GetProperty("hls").GetString()))
        {
            again.Headers.IfNoneMatch.Add(masterTag);
            using var notModified = await media.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        var variant = Playlists.HlsVariants(await masterResponse.Content.ReadAsStringAsync())[0];
        var segmentUrl = Playlists.HlsMedia(await media.GetStringAsync(variant)).Segments[0];
        using var full = await media.GetAsync(segmentUrl);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("audio/mp4", full.Content.Headers.ContentType!.MediaType);
        // Cacheable by anyone, but only while the signed URL is valid.
        Assert.True(full.Headers.CacheControl!.Public && full.Headers.CacheControl.MaxAge <= stream.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow);
        Assert.True(full.Headers.CacheControl.MaxAge > TimeSpan.FromMinutes(50));
        Assert.Contains("immutable", full.Headers.CacheControl.Extensions.Select(e => e.Name));
        Assert.NotNull(full.Headers.ETag);
        var whole = await full.Content.ReadAsByteArrayAsync();

        using (var ranged = new HttpRequestMessage(HttpMethod.Get, segmentUrl))
        {
            ranged.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);
            using var partial = await media.SendAsync(ranged);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal(100, partial.Content.Headers.ContentRange!.From);
            Assert.Equal(whole.Length, partial.Content.Headers.ContentRange.Length);
            Assert.Equal(whole[100..200], await partial.Content.ReadAsByteArrayAsync());
        }

        using (var conditional = new HttpRequestMessage(HttpMethod.Get, segmentUrl))
        {
            conditional.Headers.IfNoneMatch.Add(full.Headers.ETag!);
            using var notModified = await media.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }
    }

    private static async Task<string> GetTextAsync(HttpClient media, string url, string contentType)
    {
        Assert.StartsWith("/api/v1/media/", url);
        using var response = await media.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<byte[]> GetBytesAsync(HttpClient media, string url)
    {
        using var response = await media.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("audio/mp4", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(bytes);
        return bytes;
    }

    private static string ProbeCodec(byte[] fragment)
    {
        var path = Path.Combine(Path.GetTempPath(), $"segment-{Guid.NewGuid():N}.mp4");
        File.WriteAllBytes(path, fragment);
        try
        {
            return TestAudio.Run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name",
                "-of", "default=noprint_wrappers=1:nokey=1", path).Trim();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
