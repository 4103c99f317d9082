using System.Diagnostics;

namespace Dexel.Voice.Application.Commands;

/// <summary>
/// From words to the full answer, the same for a POST and a WebSocket: act on the command,
/// speak the reply, keep it in the history (with the time of each stage).
/// </summary>
public sealed class VoiceCommands(CommandHandler handler, ReplySpeaker speaker, IServiceScopeFactory scopes)
{
    /// <param name="accessToken">The caller's token for the actions; without it the command cannot act and says so.</param>
    public async Task<CommandResponse> RespondAsync(string transcript, CommandContext? context, Guid userId, string? accessToken,
        int transcribeMs, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var handled = transcript.Length == 0
            ? new HandledCommand(null, new CommandOutcome("not-understood"), [], "Sorry, I didn't catch that.")
            : accessToken is null
                ? new HandledCommand(null, new CommandOutcome("unavailable"), [], "Sorry, I can't act on that right now.")
                : await handler.HandleAsync(transcript, context, userId, accessToken, cancel);
        var actMs = (int)clock.ElapsedMilliseconds;
        clock.Restart();
        var audioUrl = await speaker.SpeakAsync(handled.Reply, userId, cancel);
        await using (var scope = scopes.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<CommandHistory>()
                .RecordAsync(userId, transcript, handled, new CommandTimings(transcribeMs, actMs, (int)clock.ElapsedMilliseconds), cancel);
        return new CommandResponse(transcript, handled.Parsed?.Intent, handled.Parsed?.Slots ?? new Dictionary<string, string>(),
            handled.Outcome, handled.Directives, new SpokenReply(handled.Reply, audioUrl));
    }
}
