using System.Text.RegularExpressions;
using Dexel.Speech.Asr;

namespace Dexel.Voice.Application.Understanding;

/// <summary>An utterance read against one phrasing: the intent and the slots' words, still unresolved.</summary>
public sealed record ParsedCommand(string Intent, IReadOnlyDictionary<string, string> Slots, string Phrase);

/// <summary>
/// Reads text (typed, or a transcript) against every phrasing in the intent catalog. An utterance
/// can fit several ("play queen": a track or an artist); all fits come back, the most specific
/// first (more words fixed by the phrasing, then fewer slots), for the resolver to try in order.
/// After the exact fits come those with one fixed word misheard (a sound-alike, a letter off) or
/// lost, in phrasings of two fixed words or more: "add this two workout" is still a command. A
/// one-word command may only be a letter off, and only a long one: "paue" is pause, but a lone
/// "text" is not "next".
/// </summary>
public sealed class CommandParser
{
    private const string Near = "near";
    // A one-word command may be a letter off only when it is this long: "paue" is pause, but "text" is not next.
    private const int LongWord = 5;
    private readonly List<Reading> _exact;
    private readonly List<Reading> _oneOff;
    private readonly PronunciationDictionary? _dictionary;

    /// <param name="dictionary">To hear sound-alikes ("to" for "two"); without it only spelling counts.</param>
    public CommandParser(IntentCatalog catalog, PronunciationDictionary? dictionary = null)
    {
        _dictionary = dictionary;
        _exact = catalog.Phrases.Select(p => new Reading(p, Compile(Words(p.Phrase)), null)).ToList();
        _oneOff = catalog.Phrases.Where(p => p.LiteralWords >= 2).SelectMany(OneOff)
            .Concat(catalog.Phrases.Where(p => p.LiteralWords == 1 && !p.Phrase.Contains('{') && p.Phrase.Length >= LongWord)
                .Select(p => new Reading(p, Compile(["{" + Near + "}"], nearIsOneWord: true), p.Phrase, SpellingOnly: true)))
            .ToList();
    }

    public IReadOnlyList<ParsedCommand> Parse(string text)
    {
        var normalized = SpeechText.Normalize(text);
        if (normalized.Length == 0) return [];
        // Exact readings first; "play next song" is also a track called "next song", so the
        // readings with one word misheard ("play the next song") follow rather than being dropped.
        return Read(_exact, normalized).Concat(Read(_oneOff, normalized))
            .DistinctBy(c => (c.Intent, string.Join('|', c.Slots.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))))
            .ToList();
    }

    private List<ParsedCommand> Read(List<Reading> readings, string text) => readings
        .Select(r => (r, Match: r.Pattern.Match(text)))
        .Where(r => r.Match.Success && (r.r.Misheard is null || r.Match.Groups[Near] is not { Success: true } near
            || (r.r.SpellingOnly ? near.Value.Length >= LongWord - 1 && Quickenshtein.Levenshtein.GetDistance(near.Value, r.r.Misheard) == 1 : Alike(near.Value, r.r.Misheard))))
        .OrderByDescending(r => r.r.Phrase.LiteralWords).ThenBy(r => r.r.Slots)
        .Select(r => new ParsedCommand(r.r.Phrase.Intent,
            r.Match.Groups.Cast<Group>().Where(g => g.Name is not ("0" or Near)).ToDictionary(g => g.Name, g => g.Value),
            r.r.Phrase.Phrase))
        .DistinctBy(c => (c.Intent, string.Join('|', c.Slots.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))))
        .ToList();

    /// <summary>Every variant of a phrasing with one fixed word misheard (any word, checked after) or left out.</summary>
    private static IEnumerable<Reading> OneOff(IntentPhrase phrase)
    {
        var words = Words(phrase.Phrase);
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].StartsWith('{')) continue;
            yield return new Reading(phrase, Compile([.. words[..i], "{" + Near + "}", .. words[(i + 1)..]], nearIsOneWord: true), words[i]);
            yield return new Reading(phrase, Compile([.. words[..i], .. words[(i + 1)..]]), words[i]);
        }
    }

    /// <summary>A letter off, or a phone off in a word of two phones or more ("mine" for "my", "to" for "two").</summary>
    private bool Alike(string heard, string meant) =>
        heard.Length >= 3 && meant.Length >= 3 && Quickenshtein.Levenshtein.GetDistance(heard, meant) <= 1
        || _dictionary is not null && Phones(heard) is { Length: > 0 } a && Phones(meant) is { Length: >= 2 } b && PhoneEdits(a, b) <= 1;

    private string[] Phones(string word) => _dictionary!.Pronounce(word).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static int PhoneEdits(string[] a, string[] b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    private static List<string> Words(string phrase) => phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static Regex Compile(List<string> words, bool nearIsOneWord = false)
    {
        var pattern = string.Join(' ', words.Select(word => GrammarSource.SlotPattern().Match(word) is { Success: true } slot
            ? slot.Groups[1].Value == Near && nearIsOneWord ? $"(?<{Near}>\\S+)" : $"(?<{slot.Groups[1].Value}>.+?)"
            : Regex.Escape(word)));
        return new Regex($"^{pattern}$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }

    private sealed record Reading(IntentPhrase Phrase, Regex Pattern, string? Misheard, bool SpellingOnly = false)
    {
        public int Slots { get; } = GrammarSource.SlotPattern().Matches(Phrase.Phrase).Count;
    }
}
