using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dexel.Voice.Application.Streaming;

/// <summary>The client's first message. context.userId, when given, must be the ticket's user.</summary>
public sealed record StreamStart(string? Type, int? SampleRate, string? Encoding, StreamContext? Context, string? Engine);

public sealed record StreamContext(Guid? UserId);

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
}
