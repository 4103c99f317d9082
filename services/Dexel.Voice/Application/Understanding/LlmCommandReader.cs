using System.Text.Json;
using System.Text.Json.Nodes;
using Dexel.Speech.Asr;
using Microsoft.Extensions.AI;

namespace Dexel.Voice.Application.Understanding;

/// <summary>
/// The fallback for what no phrasing fits: a chat model is offered one tool per intent (its slots
/// as string parameters) and asked to call the one the user means. The call is read back as the
/// same ParsedCommand a phrasing gives, so names are resolved and actions run exactly as for
/// typed or spoken commands. Off unless Voice:Llm names an endpoint, a model and a key.
/// </summary>
public sealed class LlmCommandReader(IChatClient chat, IntentCatalog intents, ILogger<LlmCommandReader> logger)
{
    public const string Phrase = "(llm)";
    public const string NotUnderstood = "NotUnderstood";
    private const int MaxSlotLength = 100;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private const string Instructions =
        "You turn what a listener says to a music app into exactly one tool call. Fill names (tracks, artists, playlists) " +
        "only with the listener's own words; never invent one. Call " + NotUnderstood + " when no tool fits.";

    /// <summary>Each intent's slot sets, one per phrasing: a call must fill exactly one of them.</summary>
    private readonly Dictionary<string, List<HashSet<string>>> _slotSets = intents.Phrases.GroupBy(p => p.Intent).ToDictionary(
        g => g.Key,
        g => g.Select(p => GrammarSource.SlotPattern().Matches(p.Phrase).Select(m => m.Groups[1].Value).ToHashSet()).ToList());

    public IReadOnlyList<AITool> Tools { get; } = CreateTools(intents);

    public async Task<ParsedCommand?> ReadAsync(string text, CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(Timeout);
        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync([new(ChatRole.System, Instructions), new(ChatRole.User, text)],
                new ChatOptions { Tools = [.. Tools], ToolMode = ChatToolMode.RequireAny, Temperature = 0 }, timeout.Token);
        }
        catch (Exception ex) when (!cancel.IsCancellationRequested)
        {
            logger.LogWarning("The command fallback model did not answer ({Error})", ex.Message);
            return null;
        }
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().FirstOrDefault();
        return call is null ? null : ToCommand(call);
    }

    /// <summary>A tool call as a command: a known intent, exactly the slots of one of its phrasings, short values, spoken forms.</summary>
    public ParsedCommand? ToCommand(FunctionCallContent call)
    {
        if (!_slotSets.TryGetValue(call.Name, out var slotSets)) return null;
        var slots = new Dictionary<string, string>();
        foreach (var (name, value) in call.Arguments ?? new Dictionary<string, object?>())
        {
            var text = value switch
            {
                null => null,
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                JsonElement { ValueKind: JsonValueKind.Null } => null,
                JsonElement e => e.GetRawText(),
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            };
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (text.Length > MaxSlotLength) return null;
            slots[name] = SpeechText.Normalize(text);
        }
        return slotSets.Any(set => set.SetEquals(slots.Keys)) ? new ParsedCommand(call.Name, slots, Phrase) : null;
    }

    private static List<AITool> CreateTools(IntentCatalog intents)
    {
        var tools = intents.Phrases.GroupBy(p => p.Intent).Select(intent =>
        {
            var properties = new JsonObject();
            foreach (var slot in intent.SelectMany(p => GrammarSource.SlotPattern().Matches(p.Phrase).Select(m => m.Groups[1].Value)).Distinct())
            {
                var property = new JsonObject { ["type"] = "string", ["description"] = Describe(slot, intents.Slots[slot]) };
                if (intents.Values.TryGetValue(slot, out var values)) property["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
                properties[slot] = property;
            }
            var examples = string.Join("; ", intent.Take(3).Select(p => $"\"{p.Phrase}\""));
            return (AITool)new IntentTool(intent.Key, $"The listener says something like {examples}.", Schema(properties));
        }).ToList();
        tools.Add(new IntentTool(NotUnderstood, "Nothing the music app can do fits what the listener said.", Schema([])));
        return tools;
    }

    private static string Describe(string slot, SlotKind kind) => kind switch
    {
        SlotKind.Catalog => $"The {slot}'s name as the listener said it.",
        SlotKind.Owned => "The name of one of the listener's playlists, as they said it.",
        SlotKind.Number => "A whole number from 0 to 100.",
        SlotKind.Values => $"One of the listed {slot} values.",
        _ => $"The listener's words for the {slot}.",
    };

    private static JsonElement Schema(JsonObject properties) =>
        JsonSerializer.SerializeToElement(new JsonObject { ["type"] = "object", ["properties"] = properties });

    /// <summary>A function the model may call; it is only ever read, never invoked.</summary>
    private sealed class IntentTool(string name, string description, JsonElement schema) : AIFunctionDeclaration
    {
        public override string Name => name;
        public override string Description => description;
        public override JsonElement JsonSchema => schema;
    }
}
