using Dexel.Speech.Asr;

namespace Dexel.Speech.Tests;

/// <summary>The decision rule between the command path and the everyday-word path.</summary>
public sealed class CommandEvidenceTests
{
    private static readonly RejectionThresholds Thresholds = new(MinMargin: -8, MinCoverage: 0.45);

    private static DecoderHypothesis Path(int acousticScore, int frames, params (string Word, int Start, int End)[] words) =>
        new(words.Select(w => new WordSegment(w.Word, w.Start, w.End)).ToList(), frames, acousticScore);

    [Fact]
    public void Margin_is_per_frame_of_command_words_and_coverage_is_their_share_of_the_speech_the_everyday_path_follows()
    {
        var commands = Path(-5000, 240, ("next", 20, 69), ("song", 70, 119)); // 100 frames of words, the rest silence
        var everyday = Path(-4400, 240, ("oog_that", 20, 119), ("oog_phone", 120, 219)); // 200 frames of words

        var evidence = CommandEvidence.From(commands, everyday);

        Assert.Equal("next song", evidence.Candidate);
        Assert.Equal(-6, evidence.Margin);
        Assert.Equal(0.5, evidence.Coverage);
        Assert.True(evidence.Passes(Thresholds));
    }

    [Theory]
    [InlineData(-8.5, 0.9)] // everyday words fit the audio clearly better
    [InlineData(3.0, 0.3)]  // a short command stretched over a long sentence: most of it uncovered
    public void A_command_short_of_either_threshold_is_rejected(double margin, double coverage)
    {
        var evidence = new CommandEvidence("pause", margin, coverage);

        Assert.False(evidence.Passes(Thresholds));
        Assert.True(evidence.Confidence(Thresholds) < 0.5);
    }

    [Fact]
    public void No_command_path_is_a_rejection_with_no_confidence()
    {
        var evidence = CommandEvidence.From(Path(0, 150), Path(-3000, 150, ("oog_weather", 10, 90)));

        Assert.Same(CommandEvidence.None, evidence);
        Assert.False(evidence.Passes(Thresholds));
        Assert.Equal(0, evidence.Confidence(Thresholds));
    }

    [Fact]
    public void Confidence_is_one_half_at_the_thresholds_and_grows_with_both_measures()
    {
        var atThresholds = new CommandEvidence("pause", -8, 0.45).Confidence(Thresholds);
        var better = new CommandEvidence("pause", -2, 0.8).Confidence(Thresholds);
        var coverageOnly = new CommandEvidence("pause", 10, 0.45).Confidence(Thresholds);

        Assert.Equal(0.5, atThresholds, 6);
        Assert.InRange(better, 0.5, 1);
        Assert.Equal(0.5, coverageOnly, 6); // the weaker measure decides
    }
}
