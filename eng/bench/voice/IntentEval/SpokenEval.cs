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
/// spoken by flite. Accuracy per voice, and the time of each stage with the median total.
/// </summary>
internal static class SpokenEval
{
    private const string PocketSphinx = "/usr/share/pocketsphinx/model/en-us";

    public static async Task<int> RunAsync(string testset, string models, GrammarSource source, PronunciationDictionary dictionary,
        IReadOnlyDictionary<int, (string Text, string Intent, Dictionary<string, string> Expected)> cases,
        Func<string, string, Dictionary<string, string>, bool> understood)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new SpeechMetrics(services.GetRequiredService<IMeterFactory>());
        var decoder = new AudioDecoder();
        var encoder = new AudioEncoder();
        using var tts = new FliteTextToSpeechClient(metrics, encoder);
        using var vad = new SileroVad(Path.Combine(models, "silero_vad.onnx"), metrics);
        var grammar = new CommandGrammarBuilder(dictionary).Build(source);
        using var asr = new GrammarSpeechToTextClient(metrics, decoder, grammar, Path.Combine(PocketSphinx, "en-us"),
            Path.Combine(PocketSphinx, "cmudict-en-us.dict"), 1);
        Console.WriteLine($"grammar: {grammar.PhraseCount} phrases with the catalog's names");

        var results = new List<(string Voice, bool Right, bool ForcedRight, string Heard, string Meant, double Seconds, double Asr, double Understand, double Reply)>();
        foreach (var row in File.ReadAllLines(Path.Combine(testset, "manifest.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t')))
        {
            var (file, voice, index) = (row[0], row[3], int.Parse(row[4]));
            var (text, intent, expected) = cases[index];
            var bytes = await File.ReadAllBytesAsync(Path.Combine(testset, file));
            var clock = Stopwatch.StartNew();
            var audio = await decoder.DecodeAsync(bytes, TimeSpan.FromSeconds(15), default);
            string heard, forced;
            try
            {
                var result = await asr.RecognizeAsync(vad.TrimToSpeech(audio), grammar, default);
                (heard, forced) = (result.Rejected ? "" : result.Text, result.Evidence.Candidate);
            }
            catch (AudioRejectedException) { (heard, forced) = ("", ""); }
            var asrMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var right = heard.Length > 0 && understood(heard, intent, expected);
            var understandMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            // A reply of the usual length, spoken and encoded as the service sends it.
            AudioEncoder.ToWav(tts.Synthesize($"Playing {text}.", "slt"));
            var replyMs = clock.Elapsed.TotalMilliseconds;
            var forcedRight = forced.Length > 0 && understood(forced, intent, expected);
            results.Add((voice, right, forcedRight, heard, text, audio.Duration.TotalSeconds, asrMs, understandMs, replyMs));
        }

        static string Rate(int ok, int n) => $"{ok,4}/{n,-4} {100.0 * ok / n,5:0.0}%";
        Console.WriteLine($"{"voice",-18} {"intent and slots exactly right",32}");
        foreach (var voice in results.GroupBy(r => r.Voice).Append(results.GroupBy(_ => "all").Single()))
            Console.WriteLine($"{voice.Key,-18} {Rate(voice.Count(r => r.Right), voice.Count()),32}");
        // How many the rejection turned away that the command path had right: the thresholds' cost on this grammar.
        Console.WriteLine($"right on the command path before rejection: {Rate(results.Count(r => r.ForcedRight), results.Count)}; rejected though right: {results.Count(r => r.ForcedRight && !r.Right)}");
        foreach (var miss in results.Where(r => !r.Right).Take(12))
            Console.WriteLine($"  missed: \"{miss.Meant}\" heard as \"{miss.Heard}\" ({miss.Voice})");

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

        var share = (double)results.Count(r => r.Right) / results.Count;
        if (share >= 0.95) return 0;
        Console.Error.WriteLine($"BENCHMARK FAILED: spoken commands {100 * share:0.0}% right, under 95%");
        return 1;
    }
}
