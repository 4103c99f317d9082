using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Dexel.Speech.Audio;
using Microsoft.Extensions.AI;

namespace Dexel.Speech.Asr;

/// <summary>
/// What the grammar engine made of an utterance: the command, or Rejected (and Text empty) when
/// no command is believable. Heard shows both paths for logs; Evidence, why it was decided so.
/// </summary>
public sealed record GrammarResult(string Text, bool Rejected, string Heard, double Confidence, TimeSpan Elapsed, CommandEvidence Evidence);

/// <summary>
/// pocketsphinx constrained by a per-user command grammar: exact and fast on commands. A grammar
/// of commands alone forces any speech onto its nearest command, so each utterance is decoded
/// twice: forced onto the commands, and free in a loop of everyday words; the command stands only
/// when CommandEvidence passes the thresholds. (One search holding both loses commands to the
/// loop through pruning: measured in docs/benchmarks.md.)
/// Pass the grammar in SpeechToTextOptions.AdditionalProperties["grammar"]; the default
/// grammar is used otherwise.
/// </summary>
public sealed class GrammarSpeechToTextClient : ISpeechToTextClient
{
    public const string EngineName = "pocketsphinx";
    public const string GrammarProperty = "grammar";

    private readonly ConcurrentBag<DecoderPair> _idle = [];
    private readonly SemaphoreSlim _slots;
    private readonly Func<DecoderPair> _createDecoders;
    private readonly SpeechMetrics _metrics;
    private readonly AudioDecoder _audio;
    private readonly RejectionThresholds _thresholds;

    // pocketsphinx 0.8 and sphinxbase keep process-wide state (the JSGF parser, logging, the
    // dictionary's word hash), so decoders must not run native code at the same time.
    private static readonly Lock NativeGate = new();

    public GrammarSpeechToTextClient(SpeechMetrics metrics, AudioDecoder audio, CommandGrammar defaultGrammar,
        string modelDirectory, string dictionaryPath, int decoders, IEnumerable<string>? commandDecoderSettings = null, IEnumerable<string>? everydayDecoderSettings = null,
        RejectionThresholds? thresholds = null)
    {
        (_metrics, _audio, DefaultGrammar, _thresholds) = (metrics, audio, defaultGrammar, thresholds ?? new RejectionThresholds());
        _slots = new SemaphoreSlim(decoders, decoders);
        // The command pass: a low word insertion penalty keeps it from splitting words, and wide
        // beams keep a command's path alive in noise (without them 4% of noisy commands found no
        // path at all). The everyday pass keeps pocketsphinx's defaults. Measured: docs/benchmarks.md.
        var commandSettings = commandDecoderSettings?.ToArray() ?? ["-wip", "1e-3", "-beam", "1e-80", "-wbeam", "1e-60", "-pbeam", "1e-80"];
        var everydaySettings = everydayDecoderSettings?.ToArray() ?? [];
        _createDecoders = () =>
        {
            lock (NativeGate)
                return new DecoderPair(new PocketSphinxDecoder(modelDirectory, dictionaryPath, commandSettings), new PocketSphinxDecoder(modelDirectory, dictionaryPath, everydaySettings));
        };
        _idle.Add(_createDecoders()); // fail at start-up, not on the first request, if the model is missing
    }

    public CommandGrammar DefaultGrammar { get; }

    public async Task<GrammarResult> RecognizeAsync(AudioClip clip, CommandGrammar? grammar, CancellationToken cancel)
    {
        grammar ??= DefaultGrammar;
        await _slots.WaitAsync(cancel);
        var decoders = _idle.TryTake(out var idle) ? idle : _createDecoders();
        try
        {
            using var measure = _metrics.Start(EngineName, "transcribe");
            measure.Audio(clip.Duration);
            var pcm = clip.ToPcm16();
            DecoderHypothesis commands, everyday;
            lock (NativeGate)
            {
                decoders.Commands.Use(grammar.Name + "-commands", grammar.Commands, grammar.Pronunciations);
                commands = decoders.Commands.Decode(pcm);
                decoders.Everyday.Use(grammar.Name + "-everyday", grammar.Everyday, grammar.Pronunciations);
                everyday = decoders.Everyday.Decode(pcm);
            }
            var evidence = CommandEvidence.From(commands, everyday);
            var accepted = evidence.Passes(_thresholds);
            measure.Activity?.SetTag("voice.rejected", !accepted);
            var heard = $"{Words(commands)} | {Words(everyday)} | margin {evidence.Margin:0.0} coverage {evidence.Coverage:0.00}";
            return new GrammarResult(accepted ? evidence.Candidate : "", !accepted, heard, evidence.Confidence(_thresholds), measure.Elapsed, evidence);
        }
        finally
        {
            _idle.Add(decoders);
            _slots.Release();
        }
    }

    private static string Words(DecoderHypothesis path) =>
        path.Words.Count == 0 ? "(none)" : string.Join(' ', path.Words.Select(w => $"{w.Word}({(w.EndFrame - w.StartFrame + 1) * 10}ms)"));

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
        while (_idle.TryTake(out var decoders)) decoders.Dispose();
    }

    private sealed record DecoderPair(PocketSphinxDecoder Commands, PocketSphinxDecoder Everyday) : IDisposable
    {
        public void Dispose()
        {
            Commands.Dispose();
            Everyday.Dispose();
        }
    }
}
