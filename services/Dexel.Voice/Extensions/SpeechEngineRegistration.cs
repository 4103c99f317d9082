using Dexel.Speech;
using Dexel.Speech.Asr;
using Dexel.Speech.Audio;
using Dexel.Speech.Tts;
using Dexel.Speech.Vad;
using Dexel.Voice.Application.Understanding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Dexel.Voice.Extensions;

/// <summary>
/// The speech engines as Microsoft.Extensions.AI clients: ISpeechToTextClient keyed "grammar"
/// (pocketsphinx) and "whisper" (when a model is configured), the unkeyed one chosen by
/// Voice:Asr, and ITextToSpeechClient (flite); each wrapped in MEAI's OpenTelemetry client.
/// </summary>
internal static class SpeechEngineRegistration
{
    public static void AddSpeechEngines(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SpeechMetrics>();
        services.AddSingleton(_ => new AudioDecoder());
        services.AddSingleton(_ => new AudioEncoder());
        services.AddSingleton(sp => new PronunciationDictionary(Path.Combine(Options(sp).PocketSphinxModel, "cmudict-en-us.dict")));
        services.AddSingleton<CommandGrammarBuilder>();
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            var grammars = sp.GetRequiredService<CommandGrammarBuilder>();
            return new GrammarSpeechToTextClient(sp.GetRequiredService<SpeechMetrics>(), sp.GetRequiredService<AudioDecoder>(),
                grammars.Build(sp.GetRequiredService<IntentCatalog>().GrammarSource(new Dictionary<string, IReadOnlyList<string>>())),
                Path.Combine(options.PocketSphinxModel, "en-us"), Path.Combine(options.PocketSphinxModel, "cmudict-en-us.dict"),
                options.GrammarDecoders);
        });
        services.AddKeyedSpeechToTextClient(Application.Transcriber.Grammar, sp => sp.GetRequiredService<GrammarSpeechToTextClient>())
            .UseOpenTelemetry(sourceName: DexelTelemetry.SourceName);

        var whisperModel = builder.Configuration["Voice:WhisperModelPath"];
        if (!string.IsNullOrEmpty(whisperModel))
        {
            services.AddSingleton(sp => new WhisperSpeechToTextClient(
                new WhisperSettings { ModelPath = whisperModel, MaxTokens = Options(sp).WhisperMaxTokens },
                sp.GetRequiredService<SpeechMetrics>(), sp.GetRequiredService<AudioDecoder>()));
            services.AddKeyedSpeechToTextClient(Application.Transcriber.Whisper, sp => sp.GetRequiredService<WhisperSpeechToTextClient>())
                .UseOpenTelemetry(sourceName: DexelTelemetry.SourceName);
        }
        services.AddSpeechToTextClient(sp => sp.GetRequiredKeyedService<ISpeechToTextClient>(Options(sp).Asr));

        services.AddSingleton(sp => new FliteTextToSpeechClient(sp.GetRequiredService<SpeechMetrics>(), sp.GetRequiredService<AudioEncoder>(), Options(sp).DefaultVoice));
        services.AddTextToSpeechClient(sp => sp.GetRequiredService<FliteTextToSpeechClient>())
            .UseOpenTelemetry(sourceName: DexelTelemetry.SourceName);

        services.AddSingleton(sp => new SileroVad(Path.Combine(ModelDirectory(Options(sp)), "silero_vad.onnx"), sp.GetRequiredService<SpeechMetrics>()));
        services.AddHostedService<SpeechEngineWarmup>();
    }

    private static VoiceOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<VoiceOptions>>().Value;

    /// <summary>The configured folder, else the nearest ".local/speech" above the application (eng/voice/models.sh).</summary>
    private static string ModelDirectory(VoiceOptions options)
    {
        if (!string.IsNullOrEmpty(options.ModelDirectory)) return options.ModelDirectory;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".local", "speech");
            if (File.Exists(Path.Combine(candidate, "silero_vad.onnx"))) return candidate;
        }
        throw new InvalidOperationException("Voice:ModelDirectory is not set and no .local/speech folder was found (run eng/voice/models.sh).");
    }
}
