using System.Runtime.CompilerServices;
using Dexel.Speech.Audio;
using Microsoft.Extensions.AI;
using Whisper.net;

namespace Dexel.Speech.Asr;

public sealed record WhisperSettings
{
    /// <summary>A ggml model file (see docs/voice.md for fetching one).</summary>
    public required string ModelPath { get; init; }
    /// <summary>Tokens one utterance may decode: a spoken command is short, so keep it bounded.</summary>
    public int MaxTokens { get; init; } = 32;
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>Encode only as much of whisper's 30 s window as the clip needs (50 positions a second).</summary>
    public bool FitAudioContext { get; init; } = true;
}

/// <summary>A Whisper transcription: text plus its segments' timing.</summary>
public sealed record WhisperResult(string Text, IReadOnlyList<(TimeSpan Start, TimeSpan End, string Text, float Probability)> Segments, TimeSpan Elapsed);

/// <summary>
/// Whisper.net (whisper.cpp) for open-ended speech. The model loads once; each call builds a
/// processor bounded to a command's length (one segment, a token cap, no temperature retries)
/// so a confused model cannot spend half a minute decoding.
/// </summary>
public sealed class WhisperSpeechToTextClient : ISpeechToTextClient
{
    public const string EngineName = "whisper";
    private readonly WhisperFactory _factory;
    private readonly WhisperSettings _settings;
    private readonly SpeechMetrics _metrics;
    private readonly AudioDecoder _audio;

    public WhisperSpeechToTextClient(WhisperSettings settings, SpeechMetrics metrics, AudioDecoder audio)
    {
        if (!File.Exists(settings.ModelPath)) throw new FileNotFoundException("The Whisper model file does not exist.", settings.ModelPath);
        (_settings, _metrics, _audio) = (settings, metrics, audio);
        _factory = WhisperFactory.FromPath(settings.ModelPath);
    }

    public async Task<WhisperResult> TranscribeAsync(AudioClip clip, string language, CancellationToken cancel)
    {
        using var measure = _metrics.Start(EngineName, "transcribe");
        measure.Audio(clip.Duration);
        var builder = _factory.CreateBuilder()
            .WithLanguage(language)
            .WithThreads(_settings.Threads)
            .WithSingleSegment()
            .WithNoContext()
            .WithMaxTokensPerSegment(_settings.MaxTokens)
            .WithTemperatureInc(0)
            .WithoutSuppressBlank();
        if (_settings.FitAudioContext) builder = builder.WithAudioContextSize(Math.Clamp((int)Math.Ceiling(clip.Duration.TotalSeconds * 50) + 64, 128, 1500));
        // Plain using would throw after a cancel; the processor must be disposed asynchronously.
        await using var processor = builder.Build();
        var segments = new List<(TimeSpan, TimeSpan, string, float)>();
        await foreach (var segment in processor.ProcessAsync(clip.Samples, cancel))
            segments.Add((segment.Start, segment.End, segment.Text.Trim(), segment.Probability));
        var text = string.Join(' ', segments.Select(s => s.Item3).Where(t => t.Length > 0));
        return new WhisperResult(text, segments, measure.Elapsed);
    }

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        var bytes = new MemoryStream();
        await audioSpeechStream.CopyToAsync(bytes, cancellationToken);
        var clip = await _audio.DecodeAsync(bytes.ToArray(), AudioDecoder.DefaultMaxDuration, cancellationToken);
        var result = await TranscribeAsync(clip, options?.SpeechLanguage ?? "en", cancellationToken);
        return new SpeechToTextResponse(result.Text)
        {
            ModelId = Path.GetFileName(_settings.ModelPath),
            StartTime = TimeSpan.Zero,
            EndTime = clip.Duration,
            AdditionalProperties = new() { ["confidence"] = result.Segments.Count == 0 ? 0.0 : result.Segments.Average(s => s.Probability) },
        };
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetTextAsync(audioSpeechStream, options, cancellationToken);
        foreach (var update in response.ToSpeechToTextResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(SpeechToTextClientMetadata) ? new SpeechToTextClientMetadata(EngineName, null, Path.GetFileName(_settings.ModelPath))
        : null;

    public void Dispose() => _factory.Dispose();
}
