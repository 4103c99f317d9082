using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dexel.Speech;
using Dexel.Speech.Asr;
using Dexel.Speech.Audio;
using Dexel.Speech.Tts;
using Dexel.Speech.Vad;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The spoken set (make_testset.py --from-list): each file heard by the grammar engine as the
/// service hears it (decode, VAD trim, two decodes), understood against the catalog, and a reply
/// spoken by flite. Accuracy per voice, the time of each stage, and, when the accuracy set's
/// out-of-grammar sentences are given, how many of them the same catalog-sized grammar rejects,
/// with a sweep of the rejection thresholds over both.
/// </summary>
internal static class SpokenEval
{
    private const string PocketSphinx = "/usr/share/pocketsphinx/model/en-us";

    private sealed record Heard(string Voice, string Meant, CommandEvidence Evidence, bool CandidateRight, double Seconds, double Asr, double Understand, double Reply)
    {
        public bool Right(RejectionThresholds t) => Evidence.Passes(t) && CandidateRight;
    }

    public static async Task<int> RunAsync(string testset, string models, string? outOfGrammarSet, GrammarSource source, PronunciationDictionary dictionary,
        IReadOnlyDictionary<int, (string Text, string Intent, Dictionary<string, string> Expected)> cases,
        Func<string, string, Dictionary<string, string>, bool> understood)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new SpeechMetrics(services.GetRequiredService<IMeterFactory>());
        var decoder = new AudioDecoder();
        using var tts = new FliteTextToSpeechClient(metrics, new AudioEncoder());
        using var vad = new SileroVad(Path.Combine(models, "silero_vad.onnx"), metrics);
        var grammar = new CommandGrammarBuilder(dictionary).Build(source);
        using var asr = new GrammarSpeechToTextClient(metrics, decoder, grammar, Path.Combine(PocketSphinx, "en-us"),
            Path.Combine(PocketSphinx, "cmudict-en-us.dict"), 1);
        Console.WriteLine($"grammar: {grammar.PhraseCount} phrases with the catalog's names");

        async Task<(CommandEvidence Evidence, double Seconds, double Ms)> HearAsync(string path)
        {
            var bytes = await File.ReadAllBytesAsync(path);
            var clock = Stopwatch.StartNew();
            var audio = await decoder.DecodeAsync(bytes, TimeSpan.FromSeconds(15), default);
            CommandEvidence evidence;
            try { evidence = (await asr.RecognizeAsync(vad.TrimToSpeech(audio), grammar, default)).Evidence; }
            catch (AudioRejectedException) { evidence = CommandEvidence.None; }
            return (evidence, audio.Duration.TotalSeconds, clock.Elapsed.TotalMilliseconds);
        }

        var results = new List<Heard>();
        foreach (var row in Rows(testset))
        {
            var (text, intent, expected) = cases[int.Parse(row[4])];
            var (evidence, seconds, asrMs) = await HearAsync(Path.Combine(testset, row[0]));
            var clock = Stopwatch.StartNew();
            var candidateRight = evidence.Candidate.Length > 0 && understood(evidence.Candidate, intent, expected);
            var understandMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            // A reply of the usual length, spoken and encoded as the service sends it.
            AudioEncoder.ToWav(tts.Synthesize($"Playing {text}.", "slt"));
            results.Add(new Heard(row[3], text, evidence, candidateRight, seconds, asrMs, understandMs, clock.Elapsed.TotalMilliseconds));
        }
        var others = new List<CommandEvidence>();
        if (outOfGrammarSet is not null)
            foreach (var row in Rows(outOfGrammarSet).Where(r => r[1] == "out"))
                others.Add((await HearAsync(Path.Combine(outOfGrammarSet, row[0]))).Evidence);

        // Every utterance's evidence, for studying other rejection rules offline.
        await File.WriteAllLinesAsync(Path.Combine(testset, "evidence.tsv"),
            results.Select(r => $"command\t{r.CandidateRight}\t{r.Evidence.Margin:0.###}\t{r.Evidence.Coverage:0.###}\t{r.Voice}\t{r.Meant}")
                .Concat(others.Select(e => $"other\tFalse\t{e.Margin:0.###}\t{e.Coverage:0.###}\t\t{e.Candidate}")));

        var shipped = new RejectionThresholds();
        static string Rate(int ok, int n) => n == 0 ? "–" : $"{ok,4}/{n,-4} {100.0 * ok / n,5:0.0}%";
        Console.WriteLine($"{"voice",-18} {"intent and slots exactly right",32}");
        foreach (var voice in results.GroupBy(r => r.Voice).Append(results.GroupBy(_ => "all").Single()))
            Console.WriteLine($"{voice.Key,-18} {Rate(voice.Count(r => r.Right(shipped)), voice.Count()),32}");
        Console.WriteLine($"out-of-grammar sentences rejected: {Rate(others.Count(e => !e.Passes(shipped)), others.Count)}");
        Console.WriteLine($"right on the command path before rejection: {Rate(results.Count(r => r.CandidateRight), results.Count)}; " +
            $"rejected though right: {results.Count(r => r.CandidateRight && !r.Right(shipped))}");
        foreach (var miss in results.Where(r => !r.Right(shipped)).Take(12))
            Console.WriteLine($"  missed: \"{miss.Meant}\" heard as \"{miss.Evidence.Candidate}\" (margin {miss.Evidence.Margin:0.0}, coverage {miss.Evidence.Coverage:0.00}; {miss.Voice})");

        if (others.Count > 0)
        {
            Console.WriteLine($"sweep (commands right / out-of-grammar rejected; shipped: margin {shipped.MinMargin}, coverage {shipped.MinCoverage}):");
            double[] coverages = [0.5, 0.6, 0.7, 0.8];
            Console.WriteLine("  margin " + string.Concat(coverages.Select(c => $"  coverage {c,-13:0.00}")));
            foreach (var margin in new double[] { -28, -26, -24, -22, -20, -18, -16, -14 })
                Console.WriteLine($"  {margin,6} " + string.Concat(coverages.Select(c =>
                {
                    var t = new RejectionThresholds(margin, c);
                    return $"  {100.0 * results.Count(r => r.Right(t)) / results.Count,5:0.0}% / {100.0 * others.Count(e => !e.Passes(t)) / others.Count,5:0.0}%";
                })));
        }

        static double P(IEnumerable<double> values, double q)
        {
            var sorted = values.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(q * sorted.Count))];
        }
        Console.WriteLine($"stage timings over {results.Count} utterances (median audio {P(results.Select(r => r.Seconds), 0.5):0.00} s), one at a time:");
        foreach (var (stage, values) in new (string, IEnumerable<double>)[]
        {
            ("hear (decode, VAD, grammar ASR)", results.Select(r => r.Asr)),
            ("understand (parse, match names)", results.Select(r => r.Understand)),
            ("reply (flite, WAV)", results.Select(r => r.Reply)),
            ("total", results.Select(r => r.Asr + r.Understand + r.Reply)),
        })
            Console.WriteLine($"  {stage,-34} p50 {P(values, 0.5),7:0.0} ms   p90 {P(values, 0.9),7:0.0} ms");

        var share = (double)results.Count(r => r.Right(shipped)) / results.Count;
        if (share >= 0.95) return 0;
        Console.Error.WriteLine($"BENCHMARK FAILED: spoken commands {100 * share:0.0}% right, under 95%");
        return 1;
    }

    private static IEnumerable<string[]> Rows(string testset) =>
        File.ReadAllLines(Path.Combine(testset, "manifest.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t'));
}
