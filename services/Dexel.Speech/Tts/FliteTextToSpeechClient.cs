using System.Runtime.CompilerServices;
using Dexel.Speech.Audio;
using Microsoft.Extensions.AI;

namespace Dexel.Speech.Tts;

/// <summary>
/// flite through P/Invoke: fast (about 1.5% of real time here), small, BSD-licensed. Voices slt,
/// rms, awb and kal16. Output is WAV unless TextToSpeechOptions.AudioFormat asks for "ogg" (Opus) or "mp3".
/// </summary>
public sealed class FliteTextToSpeechClient : ITextToSpeechClient
{
    public const string EngineName = "flite";
    public const int MaxTextLength = 1000;
    public static readonly IReadOnlyList<string> Voices = ["slt", "rms", "awb", "kal16"];

    private static readonly Lock InitLock = new();
    private static bool _initialized;
    private readonly Dictionary<string, nint> _voices = [];
    private readonly Dictionary<string, Lock> _voiceLocks = [];
    private readonly AudioEncoder _encoder;
    private readonly SpeechMetrics _metrics;
    private readonly string _defaultVoice;

    public unsafe FliteTextToSpeechClient(SpeechMetrics metrics, AudioEncoder encoder, string defaultVoice = "slt")
    {
        if (!Voices.Contains(defaultVoice)) throw new ArgumentException($"Unknown flite voice '{defaultVoice}'.", nameof(defaultVoice));
        (_metrics, _encoder, _defaultVoice) = (metrics, encoder, defaultVoice);
        lock (InitLock)
        {
            if (!_initialized) FliteNative.Init();
            _initialized = true;
        }
        foreach (var voice in Voices)
        {
            _voices[voice] = (nint)FliteNative.RegisterVoice(voice);
            _voiceLocks[voice] = new Lock();
        }
    }

    /// <summary>Synthesizes 16 kHz mono speech.</summary>
    public unsafe AudioClip Synthesize(string text, string? voice = null)
    {
        voice ??= _defaultVoice;
        if (!_voices.TryGetValue(voice, out var handle)) throw new ArgumentException($"Unknown voice '{voice}'. Voices: {string.Join(", ", Voices)}.", nameof(voice));
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("There is no text to speak.", nameof(text));
        if (text.Length > MaxTextLength) throw new ArgumentException($"The text is longer than {MaxTextLength} characters.", nameof(text));

        using var measure = _metrics.Start(EngineName, "speak");
        measure.Activity?.SetTag("voice.voice", voice);
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        var native = (FliteNative.Voice*)handle;
        float[] samples;
        int rate;
        // flite voices are shared native state: one synthesis per voice at a time.
        lock (_voiceLocks[voice])
        {
            var wave = FliteNative.TextToWave(clean, native);
            if (wave is null) throw new InvalidOperationException("flite produced no audio.");
            try
            {
                rate = wave->SampleRate;
                samples = new float[wave->NumSamples];
                for (var i = 0; i < samples.Length; i++) samples[i] = wave->Samples[i * wave->NumChannels] / 32768f;
            }
            finally
            {
                FliteNative.DeleteWave(wave);
            }
        }
        var clip = new AudioClip(Resampler.ToSpeechRate(samples, rate));
        measure.Audio(clip.Duration);
        return clip;
    }

    public async Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        var clip = Synthesize(text, options?.VoiceId);
        var format = options?.AudioFormat ?? "wav";
        var bytes = await _encoder.EncodeAsync(clip, format, cancellationToken);
        return new TextToSpeechResponse([new DataContent(bytes, AudioEncoder.MediaTypes[format])])
        {
            ModelId = options?.VoiceId ?? _defaultVoice,
            AdditionalProperties = new() { ["durationMs"] = (long)clip.Duration.TotalMilliseconds },
        };
    }

    public async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(string text, TextToSpeechOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetAudioAsync(text, options, cancellationToken);
        foreach (var update in response.ToTextToSpeechResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(TextToSpeechClientMetadata) ? new TextToSpeechClientMetadata(EngineName, null, _defaultVoice)
        : null;

    public void Dispose()
    {
        // Registered voices live as long as the process; flite has no safe unregister.
    }
}
