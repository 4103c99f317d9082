using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Dexel.Speech.Asr;

/// <summary>
/// Two compiled-once JSGF grammars for one vocabulary: Commands, the command phrases with their
/// slots filled, and Everyday, a loop of everyday words marked "oog_" (leaving out the commands'
/// own words) that any speech can follow. The recognizer decodes with both and compares them.
/// Name is a hash of the content, so an unchanged vocabulary reuses the compiled searches and any
/// change builds new ones. Pronunciations: the words the dictionary lacks (names, marked words).
/// </summary>
public sealed record CommandGrammar(string Name, string Commands, string Everyday, IReadOnlyDictionary<string, string> Pronunciations, int PhraseCount)
{
    public const string OutOfGrammarPrefix = "oog_";
}

/// <summary>Command phrases with {slot}s ("play {track}") and the values each slot can take.</summary>
public sealed partial record GrammarSource(IReadOnlyList<string> Phrases, IReadOnlyDictionary<string, IReadOnlyList<string>> Slots)
{
    /// <summary>A {slot} in a phrase; group 1 is its name.</summary>
    [GeneratedRegex(@"\{(\w+)\}")]
    public static partial Regex SlotPattern();
}

public sealed partial class CommandGrammarBuilder(PronunciationDictionary dictionary)
{
    public CommandGrammar Build(GrammarSource source)
    {
        var pronunciations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var slotRules = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (slot, values) in source.Slots)
        {
            var alternatives = values.Select(v => Tokens(v, pronunciations)).Where(t => t.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
            if (alternatives.Count > 0) slotRules[RuleName(slot)] = string.Join(" | ", alternatives);
        }

        var commands = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var phrase in source.Phrases)
        {
            var parts = GrammarSource.SlotPattern().Split(phrase);
            var expansion = new List<string>();
            var usable = true;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i % 2 == 1)
                {
                    var rule = RuleName(parts[i]);
                    usable &= slotRules.ContainsKey(rule);
                    expansion.Add($"<{rule}>");
                }
                else if (Tokens(parts[i], pronunciations) is { Length: > 0 } words) expansion.Add(words);
            }
            if (usable && expansion.Count > 0) commands.Add(string.Join(' ', expansion));
        }
        if (commands.Count == 0) throw new ArgumentException("The grammar has no usable phrase.", nameof(source));

        // The loop leaves out the commands' own words, so a command cannot be spelled by the loop.
        var commandWords = commands.Concat(slotRules.Values).SelectMany(c => c.Split(' ', '|')).ToHashSet(StringComparer.Ordinal);
        var fillers = FillerWords.All.Where(w => dictionary.Contains(w) && !commandWords.Contains(w))
            .Select(w => CommandGrammar.OutOfGrammarPrefix + w).ToList();
        foreach (var filler in fillers) pronunciations[filler] = dictionary.Pronounce(filler[CommandGrammar.OutOfGrammarPrefix.Length..]);

        var commandsJsgf = new StringBuilder().AppendLine("#JSGF V1.0;").AppendLine("grammar commands;")
            .AppendLine(CultureInfo.InvariantCulture, $"public <command> = {string.Join(" | ", commands.Select(c => $"( {c} )"))};");
        foreach (var (rule, alternatives) in slotRules) commandsJsgf.AppendLine(CultureInfo.InvariantCulture, $"<{rule}> = {alternatives};");
        var everydayJsgf = new StringBuilder().AppendLine("#JSGF V1.0;").AppendLine("grammar everyday;")
            .AppendLine("public <other> = <filler>+;")
            .AppendLine(CultureInfo.InvariantCulture, $"<filler> = {string.Join(" | ", fillers)};");

        var (commandsText, everydayText) = (commandsJsgf.ToString(), everydayJsgf.ToString());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(commandsText + everydayText + string.Concat(pronunciations))))[..16];
        return new CommandGrammar("g" + hash, commandsText, everydayText, new Dictionary<string, string>(pronunciations), commands.Count);
    }

    /// <summary>Lower-case dictionary words for a phrase or name; pronunciations for the unknown ones.</summary>
    private string Tokens(string text, IDictionary<string, string> pronunciations)
    {
        var words = new List<string>();
        foreach (var raw in SpeechText.Words(text))
        {
            if (!dictionary.Contains(raw))
            {
                var phones = dictionary.Pronounce(raw);
                if (phones.Length == 0) continue;
                pronunciations[raw] = phones;
            }
            words.Add(raw);
        }
        return string.Join(' ', words);
    }

    private static string RuleName(string slot) => "slot_" + new string(slot.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();
}
