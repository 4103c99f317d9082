using Dexel.Speech.Audio;
using Dexel.Speech.Tts;
using Dexel.Voice.Application;
using Dexel.Voice.Application.Streaming;
using Dexel.Voice.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.AI;

namespace Dexel.Voice.Apis;

public static class VoiceApi
{
    /// <summary>Uploads above this are refused before decoding (the gateway allows 1 MB anyway).</summary>
    public const int MaxAudioBytes = 4 * 1024 * 1024;
    public const int MaxJsonBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapVoiceApi(this IEndpointRouteBuilder app)
    {
        var voice = app.MapGroup("/api/v1/voice").WithTags("Voice");
        voice.MapPost("/transcribe", TranscribeAsync).RequireAuthorization();
        voice.MapPost("/commands", VoiceCommandEndpoint.HandleAsync).RequireAuthorization();
        voice.MapGet("/history", VoiceCommandEndpoint.HistoryAsync).RequireAuthorization();
        voice.MapDelete("/history", VoiceCommandEndpoint.ForgetAsync).RequireAuthorization();
        app.MapGet(UserDataExport.ServicePath, VoiceCommandEndpoint.ExportAsync).ExcludeFromDescription().RequireAuthorization();
        voice.MapPost("/speak", SpeakAsync).RequireAuthorization().WithMetadata(new RequestSizeLimitAttribute(MaxJsonBytes));
        voice.MapPost("/stream/tickets", IssueTicketAsync).RequireAuthorization();
        voice.MapGet("/stream", VoiceStreamEndpoint.AcceptAsync).AllowAnonymous(); // the ticket authenticates it
        voice.MapGet("/audio/{id}", GetReplyAudio).AllowAnonymous(); // the signature authorizes it
        return app;
    }

    private static async Task<IResult> TranscribeAsync(HttpContext http, Transcriber transcriber, [FromQuery] string? engine, CancellationToken cancel)
    {
        if (engine is not null && !transcriber.Offers(engine))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["engine"] = [$"Engine '{engine}' is not available here."] });
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxAudioBytes;

        var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, cancel);
        try
        {
            var result = await transcriber.TranscribeAsync(body.GetBuffer().AsMemory(0, (int)body.Length), engine, http.User.GetUserId(), BearerToken(http), cancel);
            return TypedResults.Ok(new TranscribeResponse(result.Text, result.Engine, Math.Round(result.Confidence, 3), result.Rejected, result.DurationMs, result.Timings));
        }
        catch (AudioRejectedException rejected)
        {
            return AudioProblems.ToProblem(rejected);
        }
    }

    private static async Task<IResult> SpeakAsync(SpeakRequest request, HttpContext http, ITextToSpeechClient tts, ReplyAudioStore replies, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Text)) errors["text"] = ["Text is required."];
        else if (request.Text.Length > FliteTextToSpeechClient.MaxTextLength) errors["text"] = [$"Text is limited to {FliteTextToSpeechClient.MaxTextLength} characters."];
        if (request.Voice is not null && !FliteTextToSpeechClient.Voices.Contains(request.Voice))
            errors["voice"] = [$"Voice must be one of {string.Join(", ", FliteTextToSpeechClient.Voices)}."];
        var format = request.Format ?? "wav";
        if (!AudioEncoder.MediaTypes.ContainsKey(format)) errors["format"] = ["Format must be wav, ogg or mp3."];
        if (request.Delivery is not (null or "audio" or "url")) errors["delivery"] = ["Delivery must be audio or url."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var response = await tts.GetAudioAsync(request.Text!, new TextToSpeechOptions { VoiceId = request.Voice, AudioFormat = format.ToLowerInvariant() }, cancel);
        var audio = response.Contents.OfType<DataContent>().Single();
        if (request.Delivery == "url")
        {
            var (url, expiresAt) = replies.Keep(new StoredAudio(audio.Data.ToArray(), audio.MediaType), http.User.GetUserId());
            return TypedResults.Ok(new SpokenAudioLink(url, expiresAt, audio.MediaType));
        }
        return TypedResults.File(audio.Data.ToArray(), audio.MediaType);
    }

    private static async Task<IResult> IssueTicketAsync(HttpContext http, StreamTickets tickets, VoiceGrammars grammars, CancellationToken cancel)
    {
        // The socket carries no token, so the caller's grammar is brought up to date now.
        await grammars.ForUserAsync(http.User.GetUserId(), BearerToken(http), cancel);
        var (ticket, expiresAt) = await tickets.IssueAsync(http.User.GetUserId(), BearerToken(http));
        return TypedResults.Ok(new StreamTicketResponse(ticket, expiresAt, StreamTickets.Protocol));
    }

    private static IResult GetReplyAudio(string id, [FromQuery] string? exp, [FromQuery] string? uid, [FromQuery] string? sig, ReplyAudioStore replies) =>
        replies.Find(id, exp, uid, sig) is { } audio
            ? TypedResults.File(audio.Bytes, audio.MediaType)
            : TypedResults.Problem(detail: "The audio link is invalid or has expired.", statusCode: StatusCodes.Status403Forbidden);

    public static string? BearerToken(HttpContext http) =>
        http.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;
}
