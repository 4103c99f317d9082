using System.Diagnostics;
using Dexel.Speech.Asr;
using Dexel.Speech.Audio;
using Dexel.Speech.Vad;
using Microsoft.Extensions.Options;

namespace Dexel.Voice.Application;

public sealed record TranscriptionTimings(double DecodeMs, double VadMs, double AsrMs);

public sealed record Transcription(string Text, string Engine, double Confidence, bool Rejected, long DurationMs, TranscriptionTimings Timings);

/// <summary>
/// Audio in, words out: decode to 16 kHz mono, keep the speech (Silero VAD; no speech is an
/// error), then the chosen engine. The grammar engine answers with an empty, rejected text when
/// the speech was not a command.
/// </summary>
public sealed class Transcriber(
    AudioDecoder decoder,
    SileroVad vad,
    GrammarSpeechToTextClient grammarEngine,
    IServiceProvider services,
    VoiceGrammars grammars,
    IOptions<VoiceOptions> options)
{
    public const string Grammar = "grammar";
    public const string Whisper = "whisper";

    public bool Offers(string engine) => engine == Grammar || (engine == Whisper && services.GetService<WhisperSpeechToTextClient>() is not null);

    public async Task<Transcription> TranscribeAsync(ReadOnlyMemory<byte> audio, string? engine, Guid userId, string? accessToken, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var clip = await decoder.DecodeAsync(audio, options.Value.MaxAudio, cancel);
        var decodeMs = clock.Elapsed.TotalMilliseconds;
        return await TranscribeAsync(clip, engine, userId, accessToken, decodeMs, cancel);
    }

    public async Task<Transcription> TranscribeAsync(AudioClip clip, string? engine, Guid userId, string? accessToken, double decodeMs, CancellationToken cancel)
    {
        engine ??= options.Value.Asr;
        var clock = Stopwatch.StartNew();
        var speech = vad.TrimToSpeech(clip);
        var vadMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        Transcription result;
        if (engine == Whisper)
        {
            var whisper = services.GetService<WhisperSpeechToTextClient>() ?? throw new InvalidOperationException("No Whisper model is configured.");
            var heard = await whisper.TranscribeAsync(speech, "en", cancel);
            var confidence = heard.Segments.Count == 0 ? 0 : heard.Segments.Average(s => s.Probability);
            result = new Transcription(heard.Text, Whisper, confidence, false, 0, null!);
        }
        else
        {
            var grammar = await grammars.ForUserAsync(userId, accessToken, cancel);
            var heard = await grammarEngine.RecognizeAsync(speech, grammar, cancel);
            result = new Transcription(heard.Text, Grammar, heard.Rejected ? 0 : heard.Confidence, heard.Rejected, 0, null!);
        }
        return result with
        {
            DurationMs = (long)clip.Duration.TotalMilliseconds,
            Timings = new TranscriptionTimings(Math.Round(decodeMs, 1), Math.Round(vadMs, 1), Math.Round(clock.Elapsed.TotalMilliseconds, 1)),
        };
    }
}
