// Voice engine benchmarks. Usage (eng/bench/voice/run.sh wraps both):
//   VoiceBench speed <models-dir> <vocabulary.json>
//   VoiceBench accuracy <models-dir> <vocabulary.json> <testset-dir>
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Dexel.Speech;
using Dexel.Speech.Asr;
using Dexel.Speech.Audio;
using Dexel.Speech.Tts;
using Dexel.Speech.Vad;
using Microsoft.Extensions.DependencyInjection;

const string PocketSphinx = "/usr/share/pocketsphinx/model/en-us";
var (mode, models, vocabularyPath) = (args[0], args[1], args[2]);
using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
var metrics = new SpeechMetrics(services.GetRequiredService<IMeterFactory>());
var decoder = new AudioDecoder();
using var tts = new FliteTextToSpeechClient(metrics, new AudioEncoder());
using var vad = new SileroVad(Path.Combine(models, "silero_vad.onnx"), metrics);
var vocabulary = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(vocabularyPath));
var source = new GrammarSource(
    vocabulary.GetProperty("phrases").EnumerateArray().Select(p => p.GetString()!).ToList(),
    vocabulary.GetProperty("slots").EnumerateObject().ToDictionary(s => s.Name, s => (IReadOnlyList<string>)s.Value.EnumerateArray().Select(v => v.GetString()!).ToList()));
var grammar = new CommandGrammarBuilder(new PronunciationDictionary(Path.Combine(PocketSphinx, "cmudict-en-us.dict"))).Build(source);
using var asr = new GrammarSpeechToTextClient(metrics, decoder, grammar, Path.Combine(PocketSphinx, "en-us"), Path.Combine(PocketSphinx, "cmudict-en-us.dict"), 1,
    Environment.GetEnvironmentVariable("VOICE_BENCH_DECODER")?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
    Environment.GetEnvironmentVariable("VOICE_BENCH_EVERYDAY_DECODER")?.Split(' ', StringSplitOptions.RemoveEmptyEntries));

if (mode == "speed") await SpeedAsync();
else await AccuracyAsync(args[3]);

// Each case runs in every round, the rounds interleaved so the shared machine's slow spells hit
// them all alike; a case's figure is the median of its rounds' p50 and p90, with their spread.
// A wrong result (the command not heard, no audio, no transcript) fails the run.
async Task SpeedAsync()
{
    const int Rounds = 3;
    // Grammar ASR + VAD on exactly 2 s: a command with silence around it, as VAD would see it.
    const string Command = "play something by queen";
    var speech = tts.Synthesize(Command);
    var twoSeconds = new float[2 * AudioClip.SampleRate];
    // Cut short, a command is no longer in the grammar: it must fit whole, with silence around it.
    if (speech.Samples.Length > twoSeconds.Length - 4000) Fail($"\"{Command}\" takes {speech.Duration.TotalSeconds:0.00} s, more than the 2 s clip holds");
    speech.Samples.CopyTo(twoSeconds.AsSpan(3000));
    var clip = new AudioClip(twoSeconds);
    const string Sentence = "Now playing Bohemian Rhapsody by Queen from your road trip playlist.";
    var spoken = tts.Synthesize(Sentence).Duration.TotalSeconds;
    var loadClock = Stopwatch.StartNew();
    using var whisper = new WhisperSpeechToTextClient(new WhisperSettings { ModelPath = Path.Combine(models, "ggml-tiny-random.bin"), MaxTokens = 16 }, metrics, decoder);
    var load = loadClock.Elapsed.TotalMilliseconds;

    var cases = new (string Name, int Runs, Func<Task> Run)[]
    {
        ("grammar ASR + VAD, 2 s of speech", 10, async () =>
        {
            var heard = (await asr.RecognizeAsync(vad.TrimToSpeech(clip), grammar, default)).Text;
            if (heard != Command) Fail($"grammar ASR heard \"{heard}\", expected \"{Command}\"");
        }),
        ("flite TTS, one sentence", 10, () =>
        {
            if (tts.Synthesize(Sentence).Duration.TotalSeconds < 1) Fail("flite made less than a second of audio");
            return Task.CompletedTask;
        }),
        ("Whisper tiny dims (random weights, 16 tokens), 2 s", 2, async () =>
        {
            if (await whisper.TranscribeAsync(clip, "en", default) is null) Fail("Whisper returned no transcript");
        }),
    };
    var rounds = cases.ToDictionary(c => c.Name, _ => new List<List<double>>());
    foreach (var c in cases) await c.Run(); // warm-up
    for (var round = 0; round < Rounds; round++)
        foreach (var c in cases) rounds[c.Name].Add(await TimeAsync(c.Runs, c.Run));

    Console.WriteLine($"{Rounds} rounds interleaved; median (min–max) of the rounds' percentiles");
    foreach (var c in cases) Report(c.Name, rounds[c.Name]);
    var ttsP50 = Median(rounds[cases[1].Name].Select(r => Percentile(r, 50)));
    var whisperP50 = Median(rounds[cases[2].Name].Select(r => Percentile(r, 50)));
    Console.WriteLine($"flite: {spoken:0.00} s of audio, RTF {ttsP50 / 1000 / spoken:0.000}; Whisper: load {load:0} ms, RTF {whisperP50 / 2000:0.000}");
}

// Each utterance is decoded once; its evidence is then judged under the shipped thresholds
// (the per-voice table) and under a grid of others (the sweep), so the choice can be checked.
async Task AccuracyAsync(string testset)
{
    var rows = File.ReadAllLines(Path.Combine(testset, "manifest.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
    var results = new List<(string Voice, bool In, string Expected, GrammarResult Result)>();
    var times = new List<double>();
    foreach (var row in rows)
    {
        var (file, kind, expected, voice) = (row[0], row[1], SpeechText.Normalize(row[2]), row[3]);
        var audio = await decoder.DecodeAsync(await File.ReadAllBytesAsync(Path.Combine(testset, file)), TimeSpan.FromSeconds(15), default);
        var clock = Stopwatch.StartNew();
        GrammarResult result;
        try { result = await asr.RecognizeAsync(vad.TrimToSpeech(audio), grammar, default); }
        catch (AudioRejectedException) { result = new GrammarResult("", true, "(no speech found)", 0, TimeSpan.Zero, CommandEvidence.None); }
        times.Add(clock.Elapsed.TotalMilliseconds);
        results.Add((voice, kind == "in", expected, result));
    }
    static bool Right(bool isCommand, string expected, GrammarResult r, RejectionThresholds t) =>
        isCommand ? r.Evidence.Passes(t) && r.Evidence.Candidate == expected : !r.Evidence.Passes(t);
    static string Rate(int ok, int n) => $"{ok,4}/{n,-4} {100.0 * ok / n,5:0.0}%";
    var shipped = new RejectionThresholds();
    Console.WriteLine($"{"voice",-18} {"in-grammar exact",18} {"out-of-grammar rejected",24}");
    foreach (var voice in results.GroupBy(r => r.Voice).Append(results.GroupBy(_ => "all").Single()))
    {
        var (commands, others) = (voice.Where(r => r.In).ToList(), voice.Where(r => !r.In).ToList());
        Console.WriteLine($"{voice.Key,-18} {Rate(commands.Count(r => Right(true, r.Expected, r.Result, shipped)), commands.Count),18} {Rate(others.Count(r => Right(false, r.Expected, r.Result, shipped)), others.Count),24}");
    }
    Console.WriteLine($"forced onto the commands, right before judging: {results.Count(r => r.In && r.Result.Evidence.Candidate == r.Expected)}/{results.Count(r => r.In)}");
    Console.WriteLine($"VAD + grammar ASR per utterance: p50 {Percentile(times, 50):0} ms, p90 {Percentile(times, 90):0} ms");
    Console.WriteLine($"sweep (in-grammar exact / out-of-grammar rejected; shipped: margin {shipped.MinMargin}, coverage {shipped.MinCoverage}):");
    double[] coverages = [0.5, 0.6, 0.7, 0.8];
    Console.WriteLine("  margin " + string.Concat(coverages.Select(c => $"  coverage {c,-13:0.00}")));
    foreach (var margin in new double[] { -24, -22, -20, -18, -16, -14, -12, -10, -8, -6, -4 })
        Console.WriteLine($"  {margin,6} " + string.Concat(coverages.Select(c =>
        {
            var t = new RejectionThresholds(margin, c);
            var (commands, others) = (results.Where(r => r.In).ToList(), results.Where(r => !r.In).ToList());
            return $"  {100.0 * commands.Count(r => Right(true, r.Expected, r.Result, t)) / commands.Count,5:0.0}% / {100.0 * others.Count(r => Right(false, r.Expected, r.Result, t)) / others.Count,5:0.0}%";
        })));
    var failures = results.Where(r => !Right(r.In, r.Expected, r.Result, shipped)).ToList();
    Console.WriteLine($"failures ({failures.Count}):");
    foreach (var (voice, isCommand, expected, result) in failures)
        Console.WriteLine($"  {voice,-16} {(isCommand ? "in" : "out"),-3} \"{expected}\" -> {result.Heard}");
}

static async Task<List<double>> TimeAsync(int runs, Func<Task> action)
{
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        await action();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    return times;
}

static double Percentile(List<double> values, int p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static double Median(IEnumerable<double> values) => Percentile(values.ToList(), 50);

static string Spread(IEnumerable<double> values)
{
    var list = values.ToList();
    return $"{Median(list),7:0.0} ({list.Min():0.0}–{list.Max():0.0})";
}

static void Report(string name, List<List<double>> rounds) =>
    Console.WriteLine($"{name,-52} p50 {Spread(rounds.Select(r => Percentile(r, 50)))} ms  p90 {Spread(rounds.Select(r => Percentile(r, 90)))} ms  n={rounds.Sum(r => r.Count)}");

static void Fail(string message)
{
    Console.Error.WriteLine($"BENCHMARK FAILED: {message}");
    Environment.Exit(1);
}
