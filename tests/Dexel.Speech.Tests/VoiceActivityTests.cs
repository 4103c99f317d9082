using Dexel.Speech.Audio;
using Dexel.Speech.Vad;

namespace Dexel.Speech.Tests;

/// <summary>Silero VAD on speech with silence around it, on noise, and fed in microphone-sized chunks.</summary>
public sealed class VoiceActivityTests(SpeechEngines engines)
{
    private static AudioClip Pad(AudioClip speech, double before, double after, float noise = 0)
    {
        var random = new Random(11);
        float Hiss() => noise == 0 ? 0 : (float)(random.NextDouble() - 0.5) * noise;
        var head = Enumerable.Range(0, (int)(before * AudioClip.SampleRate)).Select(_ => Hiss());
        var tail = Enumerable.Range(0, (int)(after * AudioClip.SampleRate)).Select(_ => Hiss());
        return new AudioClip([.. head, .. speech.Samples.Select(s => s + Hiss()), .. tail]);
    }

    [Theory]
    [InlineData("slt", 1.0, 1.5)]
    [InlineData("rms", 0.3, 2.0)]
    [InlineData("kal16", 2.0, 0.6)]
    public void Speech_is_found_between_leading_and_trailing_silence(string voice, double before, double after)
    {
        var speech = engines.Tts.Synthesize("play something by the beatles", voice);
        var clip = Pad(speech, before, after, noise: 0.002f);

        var segments = engines.Vad.FindSpeech(clip);

        var segment = Assert.Single(segments);
        Assert.InRange(segment.StartTime.TotalSeconds, before - 0.3, before + 0.4);
        Assert.InRange(segment.EndTime.TotalSeconds, before + speech.Duration.TotalSeconds - 0.5, before + speech.Duration.TotalSeconds + 0.4);
    }

    [Fact]
    public void Trimming_keeps_the_speech_and_drops_the_silence()
    {
        var speech = engines.Tts.Synthesize("next song");
        var clip = Pad(speech, 2, 2);

        var trimmed = engines.Vad.TrimToSpeech(clip);

        Assert.InRange(trimmed.Duration.TotalSeconds, speech.Duration.TotalSeconds - 0.4, speech.Duration.TotalSeconds + 0.5);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.05f)]
    [InlineData(0.4f)]
    public void Silence_and_pure_noise_have_no_speech(float noise)
    {
        var clip = Pad(new AudioClip([]), 3, 0, noise);

        Assert.Empty(engines.Vad.FindSpeech(clip));
        var rejected = Assert.Throws<AudioRejectedException>(() => engines.Vad.TrimToSpeech(clip));
        Assert.Equal(AudioProblem.NoSpeech, rejected.Problem);
    }

    [Fact]
    public void A_stream_fed_in_odd_sized_chunks_reports_start_then_end_at_the_same_places_as_the_whole_clip()
    {
        var clip = Pad(engines.Tts.Synthesize("turn the volume up"), 1, 1.5);
        var whole = Assert.Single(engines.Vad.FindSpeech(clip));

        var stream = engines.Vad.CreateStream();
        var events = new List<VadEvent>();
        for (var offset = 0; offset < clip.Samples.Length; offset += 333)
            events.AddRange(stream.Push(clip.Samples.AsSpan(offset, Math.Min(333, clip.Samples.Length - offset))));

        Assert.Collection(events,
            e => Assert.Equal(whole.Start, Assert.IsType<VadEvent.Started>(e).Sample),
            e => Assert.Equal(whole, Assert.IsType<VadEvent.Ended>(e).Segment));
    }
}
