using Dexel.Speech.Audio;

namespace Dexel.Speech.Vad;

/// <summary>Thresholds with hysteresis, as in Silero's own get_speech_timestamps.</summary>
public sealed record VadSettings
{
    public float Threshold { get; init; } = 0.5f;
    public float EndThreshold { get; init; } = 0.35f;
    public TimeSpan MinSpeech { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>Silence that ends an utterance.</summary>
    public TimeSpan MinSilence { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan Padding { get; init; } = TimeSpan.FromMilliseconds(100);
}

public abstract record VadEvent
{
    public sealed record Started(int Sample) : VadEvent;
    public sealed record Ended(SpeechSegment Segment) : VadEvent;
}

/// <summary>
/// Feeds audio of any chunk size through the model window by window and reports where speech
/// starts and ends. Speech shorter than MinSpeech is dropped (clicks, coughs), so "Started" is
/// reported only once the speech has lasted that long.
/// </summary>
public sealed class VadStream
{
    private readonly SileroVad _vad;
    private readonly VadSettings _settings;
    private readonly float[] _state = new float[2 * 128];
    private readonly float[] _input = new float[SileroVad.ContextSamples + SileroVad.WindowSamples];
    private int _filled;
    private int _position; // samples consumed so far
    private int? _candidateStart;
    private bool _inSpeech;
    private int? _silenceStart;

    internal VadStream(SileroVad vad, VadSettings settings) => (_vad, _settings) = (vad, settings);

    public bool InSpeech => _inSpeech;
    public int Position => _position;

    public IReadOnlyList<VadEvent> Push(ReadOnlySpan<float> samples)
    {
        var events = new List<VadEvent>();
        while (samples.Length > 0)
        {
            var take = Math.Min(SileroVad.WindowSamples - _filled, samples.Length);
            samples[..take].CopyTo(_input.AsSpan(SileroVad.ContextSamples + _filled));
            _filled += take;
            _position += take;
            samples = samples[take..];
            if (_filled < SileroVad.WindowSamples) break;

            var probability = _vad.Probability(_input, _state);
            // The last 64 samples of this window are the next window's context.
            _input.AsSpan(_input.Length - SileroVad.ContextSamples).CopyTo(_input);
            _filled = 0;
            if (Step(probability, _position - SileroVad.WindowSamples) is { } change) events.Add(change);
        }
        return events;
    }

    /// <summary>Ends speech still open at the end of the audio.</summary>
    public VadEvent? Flush()
    {
        if (!_inSpeech) return null;
        _inSpeech = false;
        return new VadEvent.Ended(new SpeechSegment(_candidateStart!.Value, _position));
    }

    private VadEvent? Step(float probability, int windowStart)
    {
        var minSpeech = Samples(_settings.MinSpeech);
        if (probability >= _settings.Threshold)
        {
            _silenceStart = null;
            _candidateStart ??= windowStart;
            if (!_inSpeech && _position - _candidateStart.Value >= minSpeech)
            {
                _inSpeech = true;
                return new VadEvent.Started(_candidateStart.Value);
            }
            return null;
        }
        if (probability < _settings.EndThreshold)
        {
            if (!_inSpeech)
            {
                _candidateStart = null; // too short to count
                return null;
            }
            _silenceStart ??= windowStart;
            if (_position - _silenceStart.Value >= Samples(_settings.MinSilence))
            {
                var segment = new SpeechSegment(_candidateStart!.Value, _silenceStart.Value);
                (_inSpeech, _candidateStart, _silenceStart) = (false, null, null);
                return new VadEvent.Ended(segment);
            }
        }
        return null;
    }

    private static int Samples(TimeSpan time) => (int)(time.TotalSeconds * AudioClip.SampleRate);
}
