using Dexel.Speech.Asr;
using Quickenshtein;

namespace Dexel.Voice.Application.Understanding;

/// <summary>Something a slot can name: a track (Detail: its artist), an artist, a playlist.</summary>
public sealed record NameCandidate(string Id, string Name, string? Detail = null);

/// <summary>What a spoken name resolved to.</summary>
public abstract record NameMatch
{
    /// <param name="RunnerUp">The next best that also fits, for "no, the other one".</param>
    public sealed record Found(NameCandidate Candidate, double Score, NameCandidate? RunnerUp = null) : NameMatch;

    /// <summary>Two or more fit about equally well: ask, do not guess.</summary>
    public sealed record Ambiguous(IReadOnlyList<NameCandidate> Candidates) : NameMatch;

    /// <summary>Nothing fits well enough; Nearest is the best there was, for "did you mean".</summary>
    public sealed record NotFound(NameCandidate? Nearest) : NameMatch;
}

/// <summary>
/// Fuzzy matching of spoken names that survives recognition errors and spoken forms: both sides
/// are normalized like speech (accents folded, digits as words, "&amp;" as "and", "the" dropped),
/// then compared by spelling and by sound (edit distance over the words' phones, so "blue and
/// green" is near "blue in green"); the better of the two similarities counts.
/// </summary>
public sealed class NameMatcher(PronunciationDictionary dictionary)
{
    public const double MinScore = 0.72;
    public const double AmbiguityGap = 0.04;

    /// <summary>Matches name (and optionally detail, e.g. "by miles davis") against the candidates.</summary>
    public NameMatch Match(string spoken, IEnumerable<NameCandidate> candidates, string? spokenDetail = null)
    {
        var key = Key(spoken);
        var detailKey = spokenDetail is null ? null : Key(spokenDetail);
        var ranked = candidates
            .Select(c => (Candidate: c, Score: Score(key, Key(c.Name), detailKey, c.Detail)))
            .OrderByDescending(c => c.Score).ToList();
        if (ranked.Count == 0 || ranked[0].Score < MinScore) return new NameMatch.NotFound(ranked.Count == 0 ? null : ranked[0].Candidate);
        var close = ranked.TakeWhile(c => c.Score >= ranked[0].Score - AmbiguityGap && c.Score >= MinScore).Select(c => c.Candidate).ToList();
        if (close.Count > 1) return new NameMatch.Ambiguous(close);
        return new NameMatch.Found(close[0], ranked[0].Score, ranked.Count > 1 && ranked[1].Score >= MinScore ? ranked[1].Candidate : null);
    }

    private double Score(NameKey spoken, NameKey name, NameKey? spokenDetail, string? detail)
    {
        var score = Similarity(spoken, name);
        if (spokenDetail is null || detail is null) return score;
        return (2 * score + Similarity(spokenDetail, Key(detail))) / 3;
    }

    private static double Similarity(NameKey a, NameKey b)
    {
        if (a.Text.Length == 0 || b.Text.Length == 0) return 0;
        var spelling = 1 - (double)Levenshtein.GetDistance(a.Text, b.Text) / Math.Max(a.Text.Length, b.Text.Length);
        var sound = 1 - (double)Levenshtein.GetDistance(a.Phones, b.Phones) / Math.Max(1, Math.Max(a.Phones.Length, b.Phones.Length));
        return Math.Max(spelling, sound);
    }

    private sealed record NameKey(string Text, string Phones);

    private NameKey Key(string text)
    {
        var words = SpeechText.Words(text).Where(w => w != "the").ToList();
        // One character per phone, so the string edit distance counts phone edits.
        var phones = string.Concat(words.SelectMany(w => dictionary.Pronounce(w).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(PhoneSymbol));
        return new NameKey(string.Join(' ', words), phones);
    }

    private static readonly string[] PhoneSet = ["AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH",
        "IH", "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH"];

    private static char PhoneSymbol(string phone) => Array.IndexOf(PhoneSet, phone) is var index and >= 0 ? (char)('A' + index) : '?';
}
