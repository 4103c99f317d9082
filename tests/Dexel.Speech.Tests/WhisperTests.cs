using System.Diagnostics;
using Dexel.Speech.Asr;
using Dexel.Speech.Audio;

namespace Dexel.Speech.Tests;

/// <summary>
/// Whisper.net through the real code path on a model with random weights (eng/voice/models.sh):
/// loading, inference and result mapping. The words are meaningless, so only shape and bounds are asserted.
/// </summary>
public sealed class WhisperTests(SpeechEngines engines)
{
    [Theory]
    [InlineData("ggml-mini-random.bin")]
    [InlineData("ggml-tiny-random.bin")]
    public async Task A_generated_model_loads_and_transcribes_speech_within_the_token_bound(string model)
    {
        var clip = engines.Tts.Synthesize("play something by miles davis");
        using var whisper = new WhisperSpeechToTextClient(
            new WhisperSettings { ModelPath = SpeechEngines.ModelPath(model), MaxTokens = 16 }, engines.Metrics, engines.Decoder);

        var clock = Stopwatch.StartNew();
        var result = await whisper.TranscribeAsync(clip, "en", CancellationToken.None);

        Assert.NotNull(result.Text);
        Assert.InRange(result.Segments.Count, 0, 1); // one segment at most: WithSingleSegment
        Assert.All(result.Segments, s => Assert.InRange(s.End, TimeSpan.Zero, TimeSpan.FromSeconds(30)));
        Assert.True(result.Elapsed <= clock.Elapsed);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60)); // bounded decoding, even on a busy machine
    }

    [Fact]
    public async Task The_speech_to_text_abstraction_decodes_the_upload_first()
    {
        using var whisper = new WhisperSpeechToTextClient(
            new WhisperSettings { ModelPath = SpeechEngines.ModelPath("ggml-mini-random.bin") }, engines.Metrics, engines.Decoder);
        var wav = AudioEncoder.ToWav(engines.Tts.Synthesize("next song"));

        var response = await whisper.GetTextAsync(new MemoryStream(wav));

        Assert.Equal("ggml-mini-random.bin", response.ModelId);
        Assert.NotNull(response.EndTime);
        Assert.InRange(response.EndTime.Value.TotalSeconds, 0.3, 3);
        await Assert.ThrowsAsync<AudioRejectedException>(() => whisper.GetTextAsync(new MemoryStream("not audio"u8.ToArray())));
    }

    [Fact]
    public void A_missing_model_file_is_a_clear_error()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => new WhisperSpeechToTextClient(
            new WhisperSettings { ModelPath = "/nonexistent/ggml.bin" }, engines.Metrics, engines.Decoder));
        Assert.Contains("Whisper model", missing.Message);
    }
}
