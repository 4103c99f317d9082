using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dexel.Streaming.Application.Transcoding;

namespace Dexel.Streaming.Tests;

/// <summary>Uploads that try to make the transcoder read elsewhere, leak paths, or cost unbounded CPU.</summary>
[Collection(StreamingCollection.Name)]
public sealed class UploadSafetyTests(StreamingFixture app)
{
    [Fact]
    public async Task An_uploaded_hls_playlist_naming_a_local_file_is_refused_not_transcoded()
    {
        var listener = await app.RegisterAsync();
        var secret = app.Audio.Tone(4, frequency: 660);
        var playlist = app.Audio.Bytes("evil.mp3", Encoding.ASCII.GetBytes(
            $"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:4,\n{secret}\n#EXT-X-ENDLIST\n"));

        var id = await app.UploadAsync(listener, playlist, "audio/mpeg", "Not audio");
        var track = await app.WaitFinishedAsync(listener, id);

        Assert.Equal("failed", track.GetProperty("status").GetString());
        var error = track.GetProperty("error").GetString()!;
        Assert.DoesNotContain(app.Audio.Directory, error);
        Assert.DoesNotContain("/tmp", error);
        Assert.DoesNotContain("dexel-streaming", error);
    }

    [Fact]
    public async Task The_metrics_endpoint_shows_dexels_own_transcoding_instruments()
    {
        var listener = await app.RegisterAsync();
        var id = await app.UploadAsync(listener, app.Audio.Tone(2), "audio/wav", "Metered");
        Assert.Equal("ready", (await app.WaitFinishedAsync(listener, id)).GetProperty("status").GetString());

        using var direct = app.CreateClient("streaming");
        var metrics = await direct.GetStringAsync("/metrics");

        Assert.Contains("streaming_transcode_attempts", metrics);
        Assert.Contains("streaming_transcode_duration", metrics);
    }

    [Fact]
    public async Task A_malformed_track_id_is_a_400_problem_and_nul_in_search_is_refused()
    {
        var listener = await app.RegisterAsync();
        using var client = app.CreateClient(listener);

        using var malformed = await client.GetAsync("/api/v1/tracks/not-a-guid");
        using var nul = await client.GetAsync("/api/v1/tracks?q=jazz%00");

        foreach (var response in new[] { malformed, nul })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("System.", body);
        }
    }

    [Fact]
    public void Audio_declared_longer_than_three_hours_is_refused_from_the_probe_alone()
    {
        var probe = """{"streams":[{"codec_type":"audio","codec_name":"mp3"}],"format":{"format_name":"mp3","duration":"10801.0"}}""";

        var verdict = AudioValidation.DeclaredTooLong(probe);

        Assert.NotNull(verdict);
        Assert.Contains("at most 3 h", verdict.Rejection);
        Assert.Null(AudioValidation.DeclaredTooLong(probe.Replace("10801.0", "600.0")));
    }
}

/// <summary>Streaming with the free tier's real quota sizes made small enough to reach in a test.</summary>
public sealed class QuotaFixture : StreamingFixture
{
    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        base.Configure(service, environment);
        environment["Streaming__Quotas__Free__ConcurrentTranscodes"] = "1";
        environment["Streaming__Quotas__Free__AudioMinutesPerDay"] = "1";
    }
}

public sealed class UploadQuotaTests(QuotaFixture app) : IClassFixture<QuotaFixture>
{
    [Fact]
    public async Task A_free_user_gets_429_past_concurrent_transcodes_and_past_the_daily_minutes()
    {
        var listener = await app.RegisterAsync();
        var longTrack = app.Audio.Tone(65, extension: "mp3", bitrate: "64k");
        using var client = app.CreateClient(listener);

        using (var first = await client.PostAsync("/api/v1/tracks", StreamingFixture.UploadForm(longTrack, "audio/mpeg", "First")))
        using (var second = await client.PostAsync("/api/v1/tracks", StreamingFixture.UploadForm(longTrack, "audio/mpeg", "Second")))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            await AssertQuotaProblemAsync(second, "processing");
            var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            Assert.Equal("ready", (await app.WaitFinishedAsync(listener, id)).GetProperty("status").GetString());
        }

        // 65 s of audio is past the one minute a day this plan allows.
        using var third = await client.PostAsync("/api/v1/tracks", StreamingFixture.UploadForm(app.Audio.Tone(2), "audio/wav", "Third"));
        await AssertQuotaProblemAsync(third, "24 hours");
        var other = await app.RegisterAsync();
        await app.UploadAsync(other, app.Audio.Tone(2), "audio/wav", "Someone else's");
    }

    private static async Task AssertQuotaProblemAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 says when to retry");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
    }
}
