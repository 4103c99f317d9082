using System.Text.RegularExpressions;
using Dexel.Speech.Asr;

namespace Dexel.Voice.Application.Understanding;

/// <summary>An utterance read against one phrasing: the intent and the slots' words, still unresolved.</summary>
public sealed record ParsedCommand(string Intent, IReadOnlyDictionary<string, string> Slots, string Phrase);

/// <summary>
/// Reads text (typed, or a transcript) against every phrasing in the intent catalog. An utterance
/// can fit several ("play queen": a track or an artist); all fits come back, the most specific
/// first (more words fixed by the phrasing, then fewer slots), for the resolver to try in order.
/// </summary>
public sealed class CommandParser
{
    private readonly List<(IntentPhrase Phrase, Regex Pattern, int Slots)> _patterns;

    public CommandParser(IntentCatalog catalog)
    {
        _patterns = catalog.Phrases.Select(p => (p, Compile(p.Phrase), IntentCatalog.SlotPattern().Matches(p.Phrase).Count)).ToList();
    }

    public IReadOnlyList<ParsedCommand> Parse(string text)
    {
        var normalized = SpeechText.Normalize(text);
        if (normalized.Length == 0) return [];
        return _patterns
            .Select(p => (p.Phrase, p.Slots, Match: p.Pattern.Match(normalized)))
            .Where(p => p.Match.Success)
            .OrderByDescending(p => p.Phrase.LiteralWords).ThenBy(p => p.Slots)
            .Select(p => new ParsedCommand(p.Phrase.Intent,
                p.Match.Groups.Cast<Group>().Where(g => g.Name != "0").ToDictionary(g => g.Name, g => g.Value),
                p.Phrase.Phrase))
            .DistinctBy(c => (c.Intent, string.Join('|', c.Slots.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))))
            .ToList();
    }

    private static Regex Compile(string phrase)
    {
        var parts = IntentCatalog.SlotPattern().Split(phrase);
        var pattern = string.Concat(parts.Select((part, i) => i % 2 == 1 ? $"(?<{part}>.+?)" : Regex.Escape(part)));
        return new Regex($"^{pattern}$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }
}
