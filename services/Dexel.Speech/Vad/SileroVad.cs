using Dexel.Speech.Audio;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Dexel.Speech.Vad;

/// <summary>A stretch of speech within a clip, in samples at 16 kHz.</summary>
public sealed record SpeechSegment(int Start, int End)
{
    public TimeSpan StartTime => TimeSpan.FromSeconds(Start / (double)AudioClip.SampleRate);
    public TimeSpan EndTime => TimeSpan.FromSeconds(End / (double)AudioClip.SampleRate);
}

/// <summary>
/// Silero VAD v5 on ONNX Runtime: one speech probability per 32 ms window (512 samples plus 64
/// of context, with a recurrent state of [2, 1, 128]). The session is shared and thread-safe;
/// each stream of audio keeps its own state in a <see cref="VadStream"/>.
/// </summary>
public sealed class SileroVad : IDisposable
{
    public const string EngineName = "silero";
    public const int WindowSamples = 512;
    internal const int ContextSamples = 64;

    private readonly InferenceSession _session;
    private readonly SpeechMetrics _metrics;
    private readonly VadSettings _settings;

    public SileroVad(string modelPath, SpeechMetrics metrics, VadSettings? settings = null)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
        _session = new InferenceSession(modelPath, options);
        _metrics = metrics;
        _settings = settings ?? new VadSettings();
    }

    public VadStream CreateStream(VadSettings? settings = null) => new(this, settings ?? _settings);

    /// <summary>Every stretch of speech in a whole clip.</summary>
    public IReadOnlyList<SpeechSegment> FindSpeech(AudioClip clip)
    {
        using var measure = _metrics.Start(EngineName, "detect");
        measure.Audio(clip.Duration);
        var stream = CreateStream();
        var segments = stream.Push(clip.Samples).OfType<VadEvent.Ended>().Select(e => e.Segment).ToList();
        if (stream.Flush() is VadEvent.Ended last) segments.Add(last.Segment);
        measure.Activity?.SetTag("voice.segments", segments.Count);
        return segments;
    }

    /// <summary>The clip from the first speech to the last (with the settings' padding); NoSpeech when there is none.</summary>
    public AudioClip TrimToSpeech(AudioClip clip)
    {
        var segments = FindSpeech(clip);
        if (segments.Count == 0) throw new AudioRejectedException(AudioProblem.NoSpeech, "No speech was found in the audio.");
        var pad = (int)(_settings.Padding.TotalSeconds * AudioClip.SampleRate);
        var start = Math.Max(0, segments[0].Start - pad);
        var end = Math.Min(clip.Samples.Length, segments[^1].End + pad);
        return clip.Slice(start, end - start);
    }

    internal float Probability(float[] input, float[] state)
    {
        var sampleRate = new DenseTensor<long>(new long[] { AudioClip.SampleRate }, [1]);
        using var results = _session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(input, [1, input.Length])),
            NamedOnnxValue.CreateFromTensor("state", new DenseTensor<float>(state, [2, 1, 128])),
            NamedOnnxValue.CreateFromTensor("sr", sampleRate),
        ]);
        var probability = results.First(r => r.Name == "output").AsTensor<float>().GetValue(0);
        var next = results.First(r => r.Name == "stateN").AsTensor<float>();
        for (var i = 0; i < state.Length; i++) state[i] = next.GetValue(i);
        return probability;
    }

    public void Dispose() => _session.Dispose();
}
