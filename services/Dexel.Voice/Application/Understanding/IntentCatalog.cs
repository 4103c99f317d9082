using System.Text.Json;
using System.Text.RegularExpressions;
using Dexel.Speech.Asr;

namespace Dexel.Voice.Application.Understanding;

/// <summary>How a slot gets its values: the catalog, the caller's own things, a fixed list, a number, or any words.</summary>
public enum SlotKind { Catalog, Owned, Values, Number, Free }

/// <summary>One phrasing with its choices and optional words expanded: "add this song to {playlist}".</summary>
public sealed record IntentPhrase(string Intent, string Phrase)
{
    /// <summary>The words that are not slots: more of them makes a match more specific.</summary>
    public int LiteralWords { get; } = GrammarSource.SlotPattern().Replace(Phrase, " ").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}

/// <summary>
/// The commands Dexel understands, from Application/Understanding/intents.json: the one place phrasings live,
/// expanded once for both the grammar engine's phrases and the text parser.
/// </summary>
public sealed partial class IntentCatalog
{
    private const string Resource = "Dexel.Voice.Application.Understanding.intents.json";

    public IntentCatalog(IReadOnlyDictionary<string, SlotKind> slots, IReadOnlyDictionary<string, IReadOnlyList<string>> values,
        IReadOnlyDictionary<string, IReadOnlyList<string>> intents, IReadOnlyDictionary<string, IReadOnlyList<string>>? moods = null)
    {
        (Slots, Values, Moods) = (slots, values, moods ?? new Dictionary<string, IReadOnlyList<string>>());
        Phrases = intents.SelectMany(intent => intent.Value.SelectMany(Expand).Select(p => new IntentPhrase(intent.Key, p))).ToList();
        var unknown = Phrases.SelectMany(p => Dexel.Speech.Asr.GrammarSource.SlotPattern().Matches(p.Phrase)).Select(m => m.Groups[1].Value).Where(s => !slots.ContainsKey(s)).ToList();
        if (unknown.Count > 0) throw new InvalidOperationException($"Intent phrases use undeclared slots: {string.Join(", ", unknown.Distinct())}.");
    }

    public IReadOnlyDictionary<string, SlotKind> Slots { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; }
    public IReadOnlyList<IntentPhrase> Phrases { get; }

    /// <summary>"workout music" → the genres it plays, most fitting first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Moods { get; }

    /// <summary>The catalog genres a spoken genre or mood stands for.</summary>
    public IReadOnlyList<string> GenresOf(string spoken) => Moods.TryGetValue(spoken, out var genres) ? genres : [spoken];

    public static IntentCatalog Load()
    {
        using var stream = typeof(IntentCatalog).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded.");
        var file = JsonSerializer.Deserialize<JsonElement>(stream);
        return new IntentCatalog(
            file.GetProperty("slots").EnumerateObject().ToDictionary(s => s.Name, s => Enum.Parse<SlotKind>(s.Value.GetString()!, ignoreCase: true)),
            file.GetProperty("values").EnumerateObject().ToDictionary(s => s.Name, s => Strings(s.Value)),
            file.GetProperty("intents").EnumerateObject().ToDictionary(s => s.Name, s => Strings(s.Value)),
            file.GetProperty("moods").EnumerateObject().ToDictionary(s => s.Name, s => Strings(s.Value)));
    }

    /// <summary>The phrases the grammar engine can hear, with the fixed values and numbers as slots.</summary>
    public GrammarSource GrammarSource(IReadOnlyDictionary<string, IReadOnlyList<string>> names)
    {
        var slots = new Dictionary<string, IReadOnlyList<string>>(names);
        foreach (var (slot, kind) in Slots)
        {
            if (kind == SlotKind.Values) slots[slot] = Values[slot];
            if (kind == SlotKind.Number) slots[slot] = Enumerable.Range(0, 101).Select(n => SpokenNumber.Say(n)).ToList();
        }
        return new GrammarSource(Phrases.Select(p => p.Phrase).Distinct().ToList(), slots);
    }

    /// <summary>"(play|put on) [some] {genre}" → every phrase it stands for, normalized like speech.</summary>
    public static IEnumerable<string> Expand(string template)
    {
        var match = ChoicePattern().Match(template);
        if (!match.Success) return [Tidy(template)];
        var options = match.Value[0] == '['
            ? ["", match.Value[1..^1]]
            : match.Value[1..^1].Split('|');
        return options.SelectMany(option => Expand(template[..match.Index] + option + template[(match.Index + match.Length)..])).Distinct();
    }

    private static string Tidy(string phrase) => string.Join(' ', Dexel.Speech.Asr.GrammarSource.SlotPattern().Split(phrase)
        .Select((part, i) => i % 2 == 1 ? $"{{{part}}}" : SpeechText.Normalize(part)).Where(part => part.Length > 0));

    private static IReadOnlyList<string> Strings(JsonElement array) => array.EnumerateArray().Select(v => v.GetString()!).ToList();

    [GeneratedRegex(@"\([^()\[\]]*\)|\[[^()\[\]]*\]")]
    private static partial Regex ChoicePattern();
}
