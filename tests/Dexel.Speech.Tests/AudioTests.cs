using Dexel.Speech.Audio;
using Microsoft.Extensions.AI;

namespace Dexel.Speech.Tests;

public sealed class AudioTests(SpeechEngines engines)
{
    [Fact]
    public async Task Every_voice_speaks_16_khz_audio_in_wav_ogg_and_mp3()
    {
        foreach (var voice in new[] { "slt", "rms", "awb", "kal16" })
        {
            var clip = engines.Tts.Synthesize("Here is your workout playlist.", voice);
            Assert.InRange(clip.Duration.TotalSeconds, 1, 4);
            Assert.True(clip.LevelDb() > -40, $"{voice} is silent");
        }
        foreach (var (format, mediaType) in new[] { ("wav", "audio/wav"), ("ogg", "audio/ogg"), ("mp3", "audio/mpeg") })
        {
            var response = await engines.Tts.GetAudioAsync("Done.", new TextToSpeechOptions { AudioFormat = format });
            var audio = Assert.IsType<DataContent>(Assert.Single(response.Contents));
            Assert.Equal(mediaType, audio.MediaType);
            var decoded = await engines.Decoder.DecodeAsync(audio.Data, TimeSpan.FromSeconds(15), CancellationToken.None);
            Assert.InRange(decoded.Duration.TotalSeconds, 0.2, 2);
        }
    }

    [Fact]
    public void Bad_text_and_unknown_voices_are_argument_errors()
    {
        Assert.Throws<ArgumentException>(() => engines.Tts.Synthesize(" "));
        Assert.Throws<ArgumentException>(() => engines.Tts.Synthesize(new string('a', 1001)));
        Assert.Throws<ArgumentException>(() => engines.Tts.Synthesize("hello", "hal9000"));
    }

    public static TheoryData<string, AudioProblem> BadInputs => new()
    {
        { "", AudioProblem.Empty },
        { "not audio at all", AudioProblem.NotAudio },
        { "RIFF....WAVEjunk", AudioProblem.NotAudio },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Input_that_is_not_audio_is_rejected_with_its_reason(string body, AudioProblem problem)
    {
        var rejected = await Assert.ThrowsAsync<AudioRejectedException>(() =>
            engines.Decoder.DecodeAsync(System.Text.Encoding.ASCII.GetBytes(body), TimeSpan.FromSeconds(15), CancellationToken.None));

        Assert.Equal(problem, rejected.Problem);
    }

    [Fact]
    public async Task Audio_longer_than_the_limit_is_rejected_whether_wav_or_compressed()
    {
        var long16s = new AudioClip(new float[16 * AudioClip.SampleRate]);
        var ogg = await engines.Encoder.EncodeAsync(long16s, "ogg", CancellationToken.None);

        var wav = await Assert.ThrowsAsync<AudioRejectedException>(() => engines.Decoder.DecodeAsync(AudioEncoder.ToWav(long16s), TimeSpan.FromSeconds(15), CancellationToken.None));
        var compressed = await Assert.ThrowsAsync<AudioRejectedException>(() => engines.Decoder.DecodeAsync(ogg, TimeSpan.FromSeconds(15), CancellationToken.None));

        Assert.Equal(AudioProblem.TooLong, wav.Problem);
        Assert.Equal(AudioProblem.TooLong, compressed.Problem);
    }

    [Fact]
    public void Resampling_keeps_a_tone_and_its_length()
    {
        var tone = Enumerable.Range(0, 44_100).Select(i => (float)Math.Sin(2 * Math.PI * 440 * i / 44_100.0) * 0.5f).ToArray();

        var resampled = Resampler.Resample(tone, 44_100, 16_000);

        Assert.Equal(16_000, resampled.Length);
        var rms = Math.Sqrt(resampled.Skip(100).Take(15_800).Average(s => s * s));
        Assert.InRange(rms, 0.5 / Math.Sqrt(2) * 0.95, 0.5 / Math.Sqrt(2) * 1.05);
    }
}
