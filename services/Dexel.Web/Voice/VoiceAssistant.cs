using System.Text.Json;
using Dexel.Web.Api;
using Dexel.Web.Player;
using Microsoft.JSInterop;

namespace Dexel.Web.Voice;

/// <summary>
/// Talking to Dexel: the microphone streamed over the voice WebSocket (or a typed command), the
/// live transcript, the spoken reply, and the directives carried out by the player.
/// </summary>
public sealed class VoiceAssistant(DexelApi api, PlayerState player, IJSRuntime js)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _sessionId = Guid.NewGuid().ToString("N");
    private IJSObjectReference? _voice;
    private DotNetObjectReference<VoiceAssistant>? _self;

    public event Action? Changed;

    public bool IsListening { get; private set; }
    public string? Transcript { get; private set; }
    public string? Reply { get; private set; }
    public string? Error { get; private set; }

    public async Task StartListeningAsync()
    {
        if (IsListening) return;
        Reset();
        try
        {
            var ticket = await api.StreamTicketAsync();
            _voice ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/voice.js");
            _self ??= DotNetObjectReference.Create(this);
            IsListening = true;
            await _voice.InvokeVoidAsync("start", ticket, Context(), _self);
        }
        catch (ApiProblem problem) { Fail(problem.Message); }
        catch (HttpRequestException) { Fail("Dexel cannot be reached; check your connection."); }
        catch (JSException) { Fail("The microphone is not available; type your command instead."); }
        Changed?.Invoke();
    }

    public async Task FinishListeningAsync()
    {
        if (IsListening && _voice is not null) await _voice.InvokeVoidAsync("finish");
    }

    public async Task SendTextAsync(string text)
    {
        Reset();
        Transcript = text;
        Changed?.Invoke();
        try
        {
            var response = await api.CommandAsync(text, Context());
            await ActAsync(response.Directives, response.Reply);
        }
        catch (ApiProblem problem) { Fail(problem.Message); }
        catch (HttpRequestException) { Fail("Dexel cannot be reached; check your connection."); }
        Changed?.Invoke();
    }

    [JSInvokable]
    public async Task OnEvent(string json)
    {
        using var message = JsonDocument.Parse(json);
        var root = message.RootElement;
        switch (root.GetProperty("type").GetString())
        {
            case "speech-start": Transcript = "…"; break;
            case "transcript": Transcript = root.GetProperty("text").GetString(); break;
            case "result":
                await ActAsync(root.GetProperty("directives").Deserialize<List<Directive>>(Json) ?? [], null);
                break;
            case "reply":
                await ActAsync([], root.Deserialize<SpokenReply>(Json));
                break;
            case "error": Fail(root.TryGetProperty("message", out var text) ? text.GetString() ?? "Voice failed." : "Voice failed."); break;
        }
        Changed?.Invoke();
    }

    [JSInvokable]
    public void OnClosed(int code, string reason)
    {
        IsListening = false;
        if (code != 1000 && Error is null) Fail(reason.Length > 0 ? $"Voice stopped: {reason}." : "Voice stopped.");
        Changed?.Invoke();
    }

    private async Task ActAsync(IEnumerable<Directive> directives, SpokenReply? reply)
    {
        foreach (var directive in directives) await PlayerDirectives.ApplyAsync(player, directive);
        if (reply is null) return;
        Reply = reply.Text;
        if (reply.AudioUrl is { } url)
        {
            _voice ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/voice.js");
            await _voice.InvokeVoidAsync("speak", url);
        }
    }

    private CommandContext Context() => new(
        player.Current is { } track ? new NowPlaying(track.Id, track.Title, track.Artist) : null,
        player.Queue.Select(t => t.Id).ToList(),
        _sessionId);

    private void Reset() { Transcript = Reply = Error = null; }

    private void Fail(string message) { Error = message; IsListening = false; }
}
