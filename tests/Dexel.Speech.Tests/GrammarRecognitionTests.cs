using Dexel.Speech.Asr;
using Dexel.Speech.Audio;

namespace Dexel.Speech.Tests;

/// <summary>Round trips: flite speaks, pocketsphinx with the command grammar listens.</summary>
public sealed class GrammarRecognitionTests(SpeechEngines engines)
{
    public static TheoryData<string, string> Commands => new()
    {
        { "play yesterday", "slt" },
        { "play hotel california", "rms" },
        { "play something by miles davis", "awb" },
        { "play my road trip playlist", "kal16" },
        { "add this song to sunday morning", "slt" },
        { "next song", "rms" },
        { "what song is this", "awb" },
        { "turn the volume down", "slt" },
        { "play something by zyqorra", "slt" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_spoken_command_comes_back_word_for_word(string command, string voice)
    {
        var speech = engines.Tts.Synthesize(command, voice);

        var result = await engines.Asr.RecognizeAsync(speech, engines.Grammar, CancellationToken.None);

        Assert.False(result.Rejected, $"rejected; heard '{result.Heard}'");
        Assert.Equal(command, result.Text);
    }

    [Theory]
    [InlineData("what's the weather in Paris")]
    [InlineData("remind me to call my mother tomorrow morning")]
    [InlineData("how many people live in Tokyo")]
    [InlineData("I think we should order pizza for dinner tonight")]
    public async Task Speech_outside_the_grammar_is_rejected_not_forced_onto_a_command(string sentence)
    {
        var speech = engines.Tts.Synthesize(sentence);

        var result = await engines.Asr.RecognizeAsync(speech, engines.Grammar, CancellationToken.None);

        Assert.True(result.Rejected, $"'{sentence}' became the command '{result.Text}'");
        Assert.Equal("", result.Text);
    }

    [Theory]
    [InlineData("play something by miles davis", "rms")]
    [InlineData("add this song to road trip", "kal16")]
    [InlineData("shuffle my library", "slt")]
    public async Task A_command_in_noise_20_dB_below_it_is_still_heard_word_for_word(string command, string voice)
    {
        var speech = WithNoise(engines.Tts.Synthesize(command, voice), snrDb: 20, seed: command.Length);

        var result = await engines.Asr.RecognizeAsync(engines.Vad.TrimToSpeech(speech), engines.Grammar, CancellationToken.None);

        Assert.False(result.Rejected, $"rejected; heard '{result.Heard}'");
        Assert.Equal(command, result.Text);
        Assert.InRange(result.Confidence, 0.5, 1);
    }

    [Theory]
    [InlineData("send a message to my brother")]
    [InlineData("how far away is the moon")]
    public async Task Speech_outside_the_grammar_in_noise_is_rejected(string sentence)
    {
        var speech = WithNoise(engines.Tts.Synthesize(sentence), snrDb: 20, seed: sentence.Length);

        var result = await engines.Asr.RecognizeAsync(engines.Vad.TrimToSpeech(speech), engines.Grammar, CancellationToken.None);

        Assert.True(result.Rejected, $"'{sentence}' became the command '{result.Text}'; heard '{result.Heard}'");
        Assert.InRange(result.Confidence, 0, 0.5);
    }

    [Fact]
    public void The_everyday_loop_cannot_spell_a_command_word()
    {
        var everydayWords = engines.Grammar.Everyday.Split([' ', '|', ';', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.StartsWith(CommandGrammar.OutOfGrammarPrefix, StringComparison.Ordinal))
            .Select(w => w[CommandGrammar.OutOfGrammarPrefix.Length..]).ToList();

        Assert.NotEmpty(everydayWords);
        Assert.DoesNotContain("play", everydayWords);
        Assert.DoesNotContain("song", everydayWords);
        Assert.Contains("weather", everydayWords);
        Assert.DoesNotContain("oog_", engines.Grammar.Commands);
    }

    [Fact]
    public void A_name_missing_from_the_dictionary_gets_a_pronunciation_and_the_grammar_is_named_by_its_content()
    {
        Assert.False(engines.Dictionary.Contains("zyqorra"));
        Assert.True(engines.Grammar.Pronunciations.ContainsKey("zyqorra"));

        var same = new CommandGrammarBuilder(engines.Dictionary).Build(SpeechEngines.Vocabulary);
        var changed = new CommandGrammarBuilder(engines.Dictionary).Build(SpeechEngines.Vocabulary with
        {
            Slots = new Dictionary<string, IReadOnlyList<string>>(SpeechEngines.Vocabulary.Slots) { ["playlist"] = ["Gym"] },
        });
        Assert.Equal(engines.Grammar.Name, same.Name);
        Assert.NotEqual(engines.Grammar.Name, changed.Name);
    }

    [Fact]
    public async Task The_engine_answers_through_the_speech_to_text_abstraction()
    {
        var wav = AudioEncoder.ToWav(engines.Tts.Synthesize("pause the music"));

        var response = await engines.Asr.GetTextAsync(new MemoryStream(wav));

        Assert.Equal("pause the music", response.Text);
        Assert.Equal(false, response.AdditionalProperties!["rejected"]);
    }

    /// <summary>White noise at the given signal-to-noise ratio, from a fixed seed.</summary>
    private static AudioClip WithNoise(AudioClip speech, double snrDb, int seed)
    {
        var random = new Random(seed);
        var speechRms = Math.Sqrt(speech.Samples.Average(s => (double)s * s));
        var amplitude = speechRms / Math.Pow(10, snrDb / 20) * Math.Sqrt(3); // uniform noise on [-a, a] has RMS a/sqrt(3)
        return new AudioClip(speech.Samples.Select(s => (float)Math.Clamp(s + (random.NextDouble() * 2 - 1) * amplitude, -1, 1)).ToArray());
    }
}
