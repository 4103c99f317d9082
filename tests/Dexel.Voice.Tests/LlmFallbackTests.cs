using System.Text.Json;
using Dexel.Voice.Application.Understanding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dexel.Voice.Tests;

/// <summary>
/// The language model fallback's contract with the intents: the tools it offers, and how a tool
/// call becomes a command. The model is a stand-in answering with a chosen call; no model is
/// reachable from our machines, and the fallback is off unless one is configured.
/// </summary>
public sealed class LlmFallbackTests
{
    private static readonly IntentCatalog Catalog = IntentCatalog.Load();

    private static LlmCommandReader Reader(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> answer) =>
        new(new AnsweringChatClient(answer), Catalog, NullLogger<LlmCommandReader>.Instance);

    private static ChatResponse Calls(string tool, object? arguments = null) => new(new ChatMessage(ChatRole.Assistant,
        [new FunctionCallContent("call-1", tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments ?? new { })))]));

    [Fact]
    public void One_tool_per_intent_with_its_slots_and_fixed_values_as_an_enum()
    {
        var tools = Reader((_, _) => Calls("Pause")).Tools.Cast<AIFunctionDeclaration>().ToDictionary(t => t.Name);

        Assert.Equal(Catalog.Phrases.Select(p => p.Intent).Distinct().Append(LlmCommandReader.NotUnderstood).Order(), tools.Keys.Order());
        var add = tools["AddToPlaylist"].JsonSchema.GetProperty("properties");
        Assert.Equal(["artist", "playlist", "track"], add.EnumerateObject().Select(p => p.Name).Order());
        var genres = tools["PlayGenre"].JsonSchema.GetProperty("properties").GetProperty("genre").GetProperty("enum");
        Assert.Contains("workout music", genres.EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task A_tool_call_becomes_the_intent_with_its_slots_in_spoken_form()
    {
        IReadOnlyList<ChatMessage>? asked = null;
        var reader = Reader((messages, options) =>
        {
            asked = messages;
            Assert.Equal(ChatToolMode.RequireAny, options?.ToolMode);
            return Calls("AddToPlaylist", new { track = "Blue in Green", artist = "Miles Davis", playlist = "Road Trip" });
        });

        var command = await reader.ReadAsync("could you stick blue in green by miles on my road trip list", default);

        Assert.Equal("AddToPlaylist", command!.Intent);
        Assert.Equal("track=blue in green;artist=miles davis;playlist=road trip", string.Join(';', command.Slots.Select(s => $"{s.Key}={s.Value}")));
        Assert.Equal("could you stick blue in green by miles on my road trip list", asked![^1].Text);
        var volume = await Reader((_, _) => Calls("VolumeSet", new { number = 40 })).ReadAsync("make it forty", default);
        Assert.Equal("forty", volume!.Slots["number"]);
    }

    [Theory]
    [InlineData("Dance", "{}")] // no such intent
    [InlineData("NotUnderstood", "{}")]
    [InlineData("AddToPlaylist", "{\"track\":\"Blue in Green\"}")] // no phrasing adds a track to no playlist
    [InlineData("Pause", "{\"playlist\":\"Road Trip\"}")] // a slot the intent does not have
    public async Task A_call_that_fits_no_phrasing_is_no_command(string tool, string arguments)
    {
        var reader = Reader((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant,
            [new FunctionCallContent("call-1", tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments))])));

        Assert.Null(await reader.ReadAsync("something", default));
    }

    [Fact]
    public async Task A_model_that_fails_or_only_talks_gives_no_command()
    {
        Assert.Null(await Reader((_, _) => throw new HttpRequestException("down")).ReadAsync("play jazz", default));
        Assert.Null(await Reader((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "Sure!"))).ReadAsync("play jazz", default));
    }

    private sealed class AnsweringChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> answer) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(answer(messages.ToList(), options));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
