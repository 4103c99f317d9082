using System.Text.Json;
using System.Text.Json.Serialization;
using Dexel.Voice.Application.Commands;

namespace Dexel.Voice.Application.Streaming;

/// <summary>
/// The client's first message. context.userId, when given, must be the ticket's user. Mode
/// "command" (the default) acts on what was heard and answers with result and reply events;
/// "transcribe" stops at the transcript.
/// </summary>
public sealed record StreamStart(string? Type, int? SampleRate, string? Encoding, StreamContext? Context, string? Engine, string? Mode);

/// <summary>What the client is playing and its session, as in a typed command's context.</summary>
public sealed record StreamContext(Guid? UserId, NowPlaying? NowPlaying, IReadOnlyList<Guid>? Queue, string? SessionId)
{
    public CommandContext ForCommand => new(NowPlaying, Queue, SessionId);
}

/// <summary>Control messages after the start: {"type":"cancel"} or {"type":"end"}.</summary>
public sealed record StreamControl(string? Type);

/// <summary>Events the server sends, one JSON object per text message.</summary>
public static class StreamEvents
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static object Listening(int sampleRate) => new { type = "listening", sampleRate };
    public static object SpeechStart(long atMs) => new { type = "speech-start", atMs };
    public static object SpeechEnd(long atMs) => new { type = "speech-end", atMs };
    public static object Error(string code, string message) => new { type = "error", code, message };
    public static object Result(CommandResponse response) => new
    {
        type = "result", transcript = response.Transcript, intent = response.Intent, slots = response.Slots,
        result = response.Result, directives = response.Directives,
    };
    public static object Reply(SpokenReply reply) => new { type = "reply", text = reply.Text, audioUrl = reply.AudioUrl };
}
