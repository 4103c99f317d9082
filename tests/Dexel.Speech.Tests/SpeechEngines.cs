using System.Diagnostics.Metrics;
using Dexel.Speech;
using Dexel.Speech.Asr;
using Dexel.Speech.Audio;
using Dexel.Speech.Tts;
using Dexel.Speech.Vad;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(Dexel.Speech.Tests.SpeechEngines))]

namespace Dexel.Speech.Tests;

/// <summary>The real engines, loaded once for the whole test assembly (models from eng/voice/models.sh).</summary>
public sealed class SpeechEngines : IDisposable
{
    public const string ModelDirectory = "/usr/share/pocketsphinx/model/en-us";

    public static readonly IReadOnlyList<string> Phrases =
    [
        "play {track}", "play something by {artist}", "play my {playlist} playlist", "add this song to {playlist}",
        "pause", "pause the music", "resume", "next song", "skip this song", "previous song", "what song is this",
        "turn the volume up", "turn the volume down", "like this song", "shuffle my library", "stop the music",
    ];

    public static readonly GrammarSource Vocabulary = new(Phrases, new Dictionary<string, IReadOnlyList<string>>
    {
        ["track"] = ["Yesterday", "Bohemian Rhapsody", "Hotel California", "Billie Jean", "Smells Like Teen Spirit", "Blue in Green"],
        ["artist"] = ["The Beatles", "Queen", "Miles Davis", "Nirvana", "Zyqorra"],
        ["playlist"] = ["Workout", "Road Trip", "Sunday Morning", "Focus"],
    });

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public SpeechEngines()
    {
        Metrics = new SpeechMetrics(_services.GetRequiredService<IMeterFactory>());
        Decoder = new AudioDecoder();
        Encoder = new AudioEncoder();
        Tts = new FliteTextToSpeechClient(Metrics, Encoder);
        Dictionary = new PronunciationDictionary(Path.Combine(ModelDirectory, "cmudict-en-us.dict"));
        Grammar = new CommandGrammarBuilder(Dictionary).Build(Vocabulary);
        Asr = new GrammarSpeechToTextClient(Metrics, Decoder, Grammar, Path.Combine(ModelDirectory, "en-us"),
            Path.Combine(ModelDirectory, "cmudict-en-us.dict"), decoders: 2);
        Vad = new SileroVad(ModelPath("silero_vad.onnx"), Metrics);
    }

    public SpeechMetrics Metrics { get; }
    public AudioDecoder Decoder { get; }
    public AudioEncoder Encoder { get; }
    public FliteTextToSpeechClient Tts { get; }
    public PronunciationDictionary Dictionary { get; }
    public CommandGrammar Grammar { get; }
    public GrammarSpeechToTextClient Asr { get; }
    public SileroVad Vad { get; }

    public static string ModelPath(string file)
    {
        var path = Path.Combine(TestEnvironment.RepositoryRoot, ".local", "speech", file);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run eng/servers.sh start (it calls eng/voice/models.sh).");
    }

    public void Dispose()
    {
        Asr.Dispose();
        Vad.Dispose();
        Tts.Dispose();
        _services.Dispose();
    }
}
