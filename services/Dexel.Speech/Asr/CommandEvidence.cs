namespace Dexel.Speech.Asr;

/// <summary>
/// How much a command path must be believed. Margin: the command path's acoustic score minus the
/// everyday-word path's, per frame of command words; other speech forced onto a command fits
/// worse than everyday words do. Coverage: how much of the speech the command's words take up,
/// measured against the everyday path's words (which follow all of it); a long sentence forced
/// onto a short command leaves much of it to silence and noise. Defaults tuned on the synthesized noisy set and checked on a held-out one
/// (docs/benchmarks.md, "Voice").
/// </summary>
public sealed record RejectionThresholds(double MinMargin = -20, double MinCoverage = 0.7);

/// <summary>What decides whether Candidate (the command path's words, empty when none fits) is accepted.</summary>
public sealed record CommandEvidence(string Candidate, double Margin, double Coverage)
{
    public static readonly CommandEvidence None = new("", double.NegativeInfinity, 0);

    public static CommandEvidence From(DecoderHypothesis commands, DecoderHypothesis everyday) =>
        commands.Words.Count == 0 || commands.Frames == 0 ? None
        : new(commands.Text, (double)(commands.AcousticScore - everyday.AcousticScore) / commands.WordFrames,
            Math.Min(1, (double)commands.WordFrames / Math.Max(1, everyday.WordFrames)));

    public bool Passes(RejectionThresholds thresholds) =>
        Candidate.Length > 0 && Margin >= thresholds.MinMargin && Coverage >= thresholds.MinCoverage;

    /// <summary>0 to 1, 0.5 where the weaker of the two measures meets its threshold.</summary>
    public double Confidence(RejectionThresholds thresholds) => Candidate.Length == 0 ? 0
        : Math.Min(Logistic((Margin - thresholds.MinMargin) / 4), Logistic((Coverage - thresholds.MinCoverage) * 10));

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
