using System.Diagnostics;

namespace Dexel.Streaming.Tests;

/// <summary>Streaming with an ffmpeg that fails on purpose (see faulty-ffmpeg.sh) and a short backoff.</summary>
public sealed class FaultyEncoderFixture : StreamingFixture
{
    public const int MaxAttempts = 3;

    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        base.Configure(service, environment);
        if (service != "streaming") return;
        // Executable in git, and the copy to the output folder keeps the mode.
        var script = Path.Combine(AppContext.BaseDirectory, "faulty-ffmpeg.sh");
        environment["Streaming__Transcoding__FfmpegPath"] = script;
        environment["Streaming__Transcoding__MaxAttempts"] = MaxAttempts.ToString();
    }
}

public sealed class TranscodeRetryTests(FaultyEncoderFixture app) : IClassFixture<FaultyEncoderFixture>
{
    [Fact]
    public async Task A_transient_encoder_failure_is_retried_with_backoff_until_it_succeeds()
    {
        var listener = await app.RegisterAsync();
        var watch = Stopwatch.StartNew();
        var id = await app.UploadAsync(listener, app.Audio.Tone(2), "audio/wav", "Flaky");

        var track = await app.WaitFinishedAsync(listener, id);

        Assert.Equal("ready", track.GetProperty("status").GetString());
        Assert.Equal(3, await app.QueryCatalogAsync<int>("SELECT attempts FROM transcode_jobs WHERE track_id = @id", id));
        // Backoff of 1 s, then 2 s, before the third attempt.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(3), $"finished after {watch.Elapsed}");
    }

    [Fact]
    public async Task A_file_the_encoder_always_fails_on_is_given_up_with_the_reason()
    {
        var listener = await app.RegisterAsync();
        var id = await app.UploadAsync(listener, app.Audio.Tone(15), "audio/wav", "Poison");

        var track = await app.WaitFinishedAsync(listener, id, TimeSpan.FromMinutes(2));

        Assert.Equal("failed", track.GetProperty("status").GetString());
        var error = track.GetProperty("error").GetString();
        Assert.Contains($"abandoned after {FaultyEncoderFixture.MaxAttempts} attempts", error);
        Assert.Contains("injected fault: poison file", error);
        Assert.Equal("failed", await app.QueryCatalogAsync<string>("SELECT status FROM transcode_jobs WHERE track_id = @id", id));
    }
}
