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
    Environment.GetEnvironmentVariable("VOICE_BENCH_DECODER")?.Split(' ', StringSplitOptions.RemoveEmptyEntries));

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

async Task AccuracyAsync(string testset)
{
    var rows = File.ReadAllLines(Path.Combine(testset, "manifest.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
    var tally = new Dictionary<string, (int InOk, int In, int OutOk, int Out)>();
    var failures = new List<string>();
    var times = new List<double>();
    foreach (var row in rows)
    {
        var (file, kind, expected, voice) = (row[0], row[1], SpeechText.Normalize(row[2]), row[3]);
        var audio = await decoder.DecodeAsync(await File.ReadAllBytesAsync(Path.Combine(testset, file)), TimeSpan.FromSeconds(15), default);
        var clock = Stopwatch.StartNew();
        GrammarResult result;
        try { result = await asr.RecognizeAsync(vad.TrimToSpeech(audio), grammar, default); }
        catch (AudioRejectedException) { result = new GrammarResult("", true, "(no speech found)", 0, TimeSpan.Zero); }
        times.Add(clock.Elapsed.TotalMilliseconds);
        var ok = kind == "in" ? result.Text == expected : result.Rejected;
        var t = tally.GetValueOrDefault(voice);
        tally[voice] = kind == "in" ? (t.InOk + (ok ? 1 : 0), t.In + 1, t.OutOk, t.Out) : (t.InOk, t.In, t.OutOk + (ok ? 1 : 0), t.Out + 1);
        if (!ok) failures.Add($"  {voice,-16} {kind,-3} \"{expected}\" -> \"{result.Heard}\"");
    }
    Console.WriteLine($"{"voice",-18} {"in-grammar exact",18} {"out-of-grammar rejected",24}");
    foreach (var (voice, t) in tally) Console.WriteLine($"{voice,-18} {t.InOk,8}/{t.In,-4} {100.0 * t.InOk / t.In,5:0.0}% {t.OutOk,12}/{t.Out,-4} {100.0 * t.OutOk / t.Out,5:0.0}%");
    var all = tally.Values.Aggregate((a, b) => (a.InOk + b.InOk, a.In + b.In, a.OutOk + b.OutOk, a.Out + b.Out));
    Console.WriteLine($"{"all",-18} {all.InOk,8}/{all.In,-4} {100.0 * all.InOk / all.In,5:0.0}% {all.OutOk,12}/{all.Out,-4} {100.0 * all.OutOk / all.Out,5:0.0}%");
    Console.WriteLine($"VAD + grammar ASR per utterance: p50 {Percentile(times, 50):0} ms, p90 {Percentile(times, 90):0} ms");
    Console.WriteLine($"failures ({failures.Count}):");
    failures.ForEach(Console.WriteLine);
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
