using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Dexel.Speech.Audio;
using Microsoft.Extensions.AI;

namespace Dexel.Speech.Asr;

/// <summary>
/// What the grammar engine made of an utterance. Heard is the best path, everyday words marked
/// "oog_". Rejected (and Text empty) when that path is not a command.
/// </summary>
public sealed record GrammarResult(string Text, bool Rejected, string Heard, double Confidence, TimeSpan Elapsed);

/// <summary>
/// pocketsphinx constrained by a per-user command grammar: exact and fast on commands. A grammar
/// of commands alone forces any speech onto its nearest command, so each grammar also offers a
/// loop of everyday words in the same search; speech that takes that path is Rejected instead
/// of becoming a wrong command. A breath or click before a command may take one short everyday
/// word; up to MaxLeadingNoise of those are ignored.
/// Pass the grammar in SpeechToTextOptions.AdditionalProperties["grammar"]; the default
/// grammar is used otherwise.
/// </summary>
public sealed class GrammarSpeechToTextClient : ISpeechToTextClient
{
    public const string EngineName = "pocketsphinx";
    public const string GrammarProperty = "grammar";

    private readonly ConcurrentBag<PocketSphinxDecoder> _idle = [];
    private readonly SemaphoreSlim _slots;
    private readonly Func<PocketSphinxDecoder> _createDecoder;
    private readonly SpeechMetrics _metrics;
    private readonly AudioDecoder _audio;

    public static readonly TimeSpan MaxLeadingNoise = TimeSpan.FromMilliseconds(300);

    // pocketsphinx 0.8 and sphinxbase keep process-wide state (the JSGF parser, logging, the
    // dictionary's word hash), so decoders must not run native code at the same time.
    private static readonly Lock NativeGate = new();

    public GrammarSpeechToTextClient(SpeechMetrics metrics, AudioDecoder audio, CommandGrammar defaultGrammar,
        string modelDirectory, string dictionaryPath, int decoders, IEnumerable<string>? decoderSettings = null)
    {
        (_metrics, _audio, DefaultGrammar) = (metrics, audio, defaultGrammar);
        _slots = new SemaphoreSlim(decoders, decoders);
        // A low word insertion penalty makes every extra word costly: the everyday-word loop needs
        // more, shorter words than a command to cover the same speech (measured: docs/benchmarks.md).
        var settings = decoderSettings?.ToArray() ?? ["-wip", "1e-3"];
        _createDecoder = () => { lock (NativeGate) return new PocketSphinxDecoder(modelDirectory, dictionaryPath, settings); };
        _idle.Add(_createDecoder()); // fail at start-up, not on the first request, if the model is missing
    }

    public CommandGrammar DefaultGrammar { get; }

    public async Task<GrammarResult> RecognizeAsync(AudioClip clip, CommandGrammar? grammar, CancellationToken cancel)
    {
        await _slots.WaitAsync(cancel);
        var decoder = _idle.TryTake(out var idle) ? idle : _createDecoder();
        try
        {
            using var measure = _metrics.Start(EngineName, "transcribe");
            measure.Audio(clip.Duration);
            DecoderHypothesis hypothesis;
            lock (NativeGate)
            {
                decoder.Use(grammar ?? DefaultGrammar);
                hypothesis = decoder.Decode(clip.ToPcm16());
            }
            var command = Command(hypothesis.Words);
            measure.Activity?.SetTag("voice.rejected", command is null);
            var heard = string.Join(' ', hypothesis.Words.Select(w => $"{w.Word}({(w.EndFrame - w.StartFrame + 1) * 10}ms)"));
            return new GrammarResult(command ?? "", command is null, heard, hypothesis.Posterior, measure.Elapsed);
        }
        finally
        {
            _idle.Add(decoder);
            _slots.Release();
        }
    }

    /// <summary>The command on the path, or null when the path went through the everyday-word loop.</summary>
    private static string? Command(IReadOnlyList<WordSegment> words)
    {
        static bool Everyday(WordSegment w) => w.Word.StartsWith(CommandGrammar.OutOfGrammarPrefix, StringComparison.Ordinal);
        // The grammar is (loop | command), yet pocketsphinx lets the loop run into a command:
        // a short everyday "word" before a command is the breath or click before speaking.
        var leading = words.TakeWhile(Everyday).ToList();
        var rest = words.Skip(leading.Count).ToList();
        var leadingMs = leading.Sum(w => w.EndFrame - w.StartFrame + 1) * 10;
        if (rest.Count == 0 || rest.Any(Everyday) || leadingMs > MaxLeadingNoise.TotalMilliseconds) return null;
        return string.Join(' ', rest.Select(w => w.Word));
    }

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        var bytes = new MemoryStream();
        await audioSpeechStream.CopyToAsync(bytes, cancellationToken);
        var clip = await _audio.DecodeAsync(bytes.ToArray(), AudioDecoder.DefaultMaxDuration, cancellationToken);
        var grammar = options?.AdditionalProperties?.TryGetValue(GrammarProperty, out var g) == true ? g as CommandGrammar : null;
        var result = await RecognizeAsync(clip, grammar, cancellationToken);
        return new SpeechToTextResponse(result.Text)
        {
            ModelId = (grammar ?? DefaultGrammar).Name,
            StartTime = TimeSpan.Zero,
            EndTime = clip.Duration,
            AdditionalProperties = new()
            {
                ["rejected"] = result.Rejected,
                ["heard"] = result.Heard,
                ["confidence"] = result.Confidence,
            },
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
        : serviceType == typeof(SpeechToTextClientMetadata) ? new SpeechToTextClientMetadata(EngineName, null, DefaultGrammar.Name)
        : null;

    public void Dispose()
    {
        while (_idle.TryTake(out var decoder)) decoder.Dispose();
    }
}
