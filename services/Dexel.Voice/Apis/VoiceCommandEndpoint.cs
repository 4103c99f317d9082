using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dexel.Speech.Audio;
using Dexel.Voice.Application;
using Dexel.Voice.Application.Commands;
using Microsoft.AspNetCore.Http.Features;

namespace Dexel.Voice.Apis;

/// <summary>
/// POST /api/v1/voice/commands: JSON <c>{text, context?}</c>, or audio heard by the grammar engine
/// (the body itself, or multipart with an "audio" file and a "context" JSON field);
/// and the caller's command history (GET and DELETE /api/v1/voice/history).
/// </summary>
public static class VoiceCommandEndpoint
{
    public const int MaxTextLength = 500;

    public static async Task<IResult> HandleAsync(HttpContext http, VoiceCommands commands, Transcriber transcriber, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
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
            if (request.Context?.SessionId is { Length: > CommandContext.MaxSessionIdLength })
                return Invalid("context.sessionId", $"A session id is at most {CommandContext.MaxSessionIdLength} characters.");
            (transcript, context) = (request.Text.Trim(), request.Context);
        }
        else
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = VoiceApi.MaxAudioBytes;
            var audio = new MemoryStream();
            if (http.Request.HasFormContentType)
            {
                // multipart/form-data: an "audio" file and, optionally, the same "context" JSON a typed command carries.
                var form = await http.Request.ReadFormAsync(cancel);
                if (form.Files.GetFile("audio") is not { } file) return Invalid("audio", "The form needs an 'audio' file.");
                if (form.TryGetValue("context", out var json) && !string.IsNullOrWhiteSpace(json))
                {
                    try { context = JsonSerializer.Deserialize<CommandContext>(json.ToString(), JsonSerializerOptions.Web); }
                    catch (JsonException ex) { return Invalid("context", $"The context is not valid JSON: {ex.Message}"); }
                    if (context?.SessionId is { Length: > CommandContext.MaxSessionIdLength })
                        return Invalid("context.sessionId", $"A session id is at most {CommandContext.MaxSessionIdLength} characters.");
                }
                await file.CopyToAsync(audio, cancel);
            }
            else await http.Request.Body.CopyToAsync(audio, cancel);
            try { transcript = (await transcriber.TranscribeAsync(audio.GetBuffer().AsMemory(0, (int)audio.Length), null, userId, token, cancel)).Text; }
            catch (AudioRejectedException rejected) { return AudioProblems.ToProblem(rejected); }
        }
        return TypedResults.Ok(await commands.RespondAsync(transcript, context, userId, token, (int)clock.ElapsedMilliseconds, cancel));
    }

    public static async Task<IResult> HistoryAsync(HttpContext http, CommandHistory history, string? limit, string? before, CancellationToken cancel)
    {
        var size = 20;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > CommandHistory.MaxPage))
            return Invalid("limit", $"Limit must be a whole number from 1 to {CommandHistory.MaxPage}.");
        DateTime? cursor = null;
        if (before is not null)
        {
            if (!DateTime.TryParse(before, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                return Invalid("before", "Before must be a date and time, like the next value of a previous page.");
            cursor = parsed;
        }
        return TypedResults.Ok(await history.PageAsync(http.User.GetUserId(), size, cursor, cancel));
    }

    public static async Task<IResult> ForgetAsync(HttpContext http, CommandHistory history, CancellationToken cancel)
    {
        await history.ForgetAsync(http.User.GetUserId(), cancel);
        return TypedResults.NoContent();
    }

    /// <summary>Voice's part of the user's data export: every command kept, oldest first.</summary>
    public static async Task<IResult> ExportAsync(HttpContext http, CommandHistory history, CancellationToken cancel) =>
        TypedResults.Ok(new { voiceCommands = await history.AllAsync(http.User.GetUserId(), cancel) });

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
