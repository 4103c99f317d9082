using System.Text.Json;
using Dexel.Speech.Audio;
using Dexel.Voice.Application;
using Dexel.Voice.Application.Commands;
using Microsoft.AspNetCore.Http.Features;

namespace Dexel.Voice.Apis;

/// <summary>POST /api/v1/voice/commands: JSON <c>{text, context?}</c>, or audio heard by the grammar engine.</summary>
public static class VoiceCommandEndpoint
{
    public const int MaxTextLength = 500;

    public static async Task<IResult> HandleAsync(HttpContext http, CommandHandler handler, Transcriber transcriber, ReplySpeaker speaker, CancellationToken cancel)
    {
        var userId = http.User.GetUserId();
        var token = VoiceApi.BearerToken(http)!;
        string transcript;
        CommandContext? context = null;
        if (http.Request.HasJsonContentType())
        {
            CommandRequest? request;
            try { request = await http.Request.ReadFromJsonAsync<CommandRequest>(cancel); }
            catch (JsonException ex) { return Invalid("body", $"The body is not a command: {ex.Message}"); }
            if (string.IsNullOrWhiteSpace(request?.Text)) return Invalid("text", "Text is required.");
            if (request.Text.Length > MaxTextLength) return Invalid("text", $"Text is limited to {MaxTextLength} characters.");
            (transcript, context) = (request.Text.Trim(), request.Context);
        }
        else
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = VoiceApi.MaxAudioBytes;
            var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, cancel);
            try { transcript = (await transcriber.TranscribeAsync(body.GetBuffer().AsMemory(0, (int)body.Length), null, userId, token, cancel)).Text; }
            catch (AudioRejectedException rejected) { return AudioProblems.ToProblem(rejected); }
        }

        var handled = transcript.Length == 0
            ? new HandledCommand(null, new CommandOutcome("not-understood"), [], "Sorry, I didn't catch that.")
            : await handler.HandleAsync(transcript, context, token, cancel);
        var audioUrl = await speaker.SpeakAsync(handled.Reply, userId, cancel);
        return TypedResults.Ok(new CommandResponse(transcript, handled.Parsed?.Intent, handled.Parsed?.Slots ?? new Dictionary<string, string>(),
            handled.Outcome, handled.Directives, new SpokenReply(handled.Reply, audioUrl)));
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
