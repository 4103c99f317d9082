using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Dexel.Speech.Audio;
using Dexel.Speech.Vad;
using Dexel.Voice.Application.Commands;
using Dexel.Voice.Model;
using Microsoft.Extensions.Options;

namespace Dexel.Voice.Application.Streaming;

public sealed class VoiceStreamSessionFactory(SileroVad vad, Transcriber transcriber, VoiceCommands commands, IOptions<VoiceOptions> options,
    ILogger<VoiceStreamSession> logger)
{
    public VoiceStreamSession Create(WebSocket socket, Guid userId, string? accessToken) =>
        new(socket, userId, accessToken, vad, transcriber, commands, options.Value, logger);
}

/// <summary>
/// One utterance over a WebSocket: a JSON start message, then binary PCM16 frames at the
/// announced rate. Silero VAD reports speech start and end as they happen; the end of speech
/// ends the utterance, which is transcribed and sent back, then (in command mode) acted on with
/// the ticket's token and answered with result and reply events before the socket closes. The client
/// may cancel or end early; silence on the wire, oversize or malformed frames and audio past
/// the length limit close the session with an error event first.
/// </summary>
public sealed class VoiceStreamSession(WebSocket socket, Guid userId, string? accessToken, SileroVad vad, Transcriber transcriber,
    VoiceCommands commands, VoiceOptions options, ILogger logger)
{
    /// <summary>One frame may carry at most a second of 48 kHz audio.</summary>
    public const int MaxFrameBytes = 96_000;
    private readonly List<float> _audio = [];
    private Task<(WebSocketMessageType Type, byte[] Data)>? _pendingReceive;

    public async Task RunAsync(CancellationToken cancel)
    {
        try
        {
            var start = await StartAsync(cancel);
            if (start is null) return;
            await SendAsync(StreamEvents.Listening(start.SampleRate!.Value), cancel);
            await ListenAsync(start, cancel);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            logger.LogDebug("Voice stream of {UserId} ended abruptly: {Error}", userId, ex.Message);
        }
    }

    private async Task<StreamStart?> StartAsync(CancellationToken cancel)
    {
        if (await ReceiveAsync(cancel) is not { } first) return null;
        StreamStart? start = null;
        if (first.Type == WebSocketMessageType.Text)
        {
            try { start = JsonSerializer.Deserialize<StreamStart>(first.Data, StreamEvents.Json); }
            catch (JsonException) { }
        }
        if (start is null || start.Type is not (null or "start"))
            return await FailAsync("bad-start", "The first message must be JSON: {\"type\":\"start\",\"sampleRate\":16000,\"encoding\":\"pcm16\"}.", WebSocketCloseStatus.InvalidPayloadData, cancel);
        if (start.Encoding != "pcm16")
            return await FailAsync("bad-start", "encoding must be \"pcm16\" (16-bit little-endian mono).", WebSocketCloseStatus.InvalidPayloadData, cancel);
        if (start.SampleRate is not (>= 8_000 and <= 48_000))
            return await FailAsync("bad-start", "sampleRate must be between 8000 and 48000.", WebSocketCloseStatus.InvalidPayloadData, cancel);
        if (start.Engine is not null && !transcriber.Offers(start.Engine))
            return await FailAsync("bad-start", $"Engine '{start.Engine}' is not available here.", WebSocketCloseStatus.InvalidPayloadData, cancel);
        if (start.Mode is not (null or "command" or "transcribe"))
            return await FailAsync("bad-start", "mode must be \"command\" or \"transcribe\".", WebSocketCloseStatus.InvalidPayloadData, cancel);
        if (start.Context?.SessionId is { Length: > CommandContext.MaxSessionIdLength })
            return await FailAsync("bad-start", $"context.sessionId is at most {CommandContext.MaxSessionIdLength} characters.", WebSocketCloseStatus.InvalidPayloadData, cancel);
        if (start.Context?.UserId is { } other && other != userId)
            return await FailAsync("forbidden", "The context belongs to another user.", WebSocketCloseStatus.PolicyViolation, cancel);
        return start;
    }

    private async Task ListenAsync(StreamStart start, CancellationToken cancel)
    {
        var rate = start.SampleRate!.Value;
        var stream = vad.CreateStream();
        var maxSamples = (int)(options.MaxAudio.TotalSeconds * AudioClip.SampleRate);
        while (await ReceiveAsync(cancel) is { } message)
        {
            if (message.Type == WebSocketMessageType.Text)
            {
                var control = TryParse(message.Data);
                if (control?.Type == "cancel")
                {
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, "cancelled", cancel);
                    return;
                }
                if (control?.Type == "end")
                {
                    if (stream.Flush() is VadEvent.Ended ended) await FinishAsync(ended.Segment, start, cancel);
                    else await FailAsync("no-speech", "No speech was heard.", WebSocketCloseStatus.NormalClosure, cancel);
                    return;
                }
                await FailAsync("bad-message", "Text messages after the start are {\"type\":\"cancel\"} or {\"type\":\"end\"}.", WebSocketCloseStatus.InvalidPayloadData, cancel);
                return;
            }
            if (message.Data.Length % 2 != 0 || message.Data.Length > MaxFrameBytes)
            {
                await FailAsync("bad-frame", $"Audio frames are 16-bit samples: an even number of bytes, at most {MaxFrameBytes}.", WebSocketCloseStatus.InvalidPayloadData, cancel);
                return;
            }
            var samples = Resampler.ToSpeechRate(ToFloats(message.Data), rate);
            if (_audio.Count + samples.Length > maxSamples)
            {
                await FailAsync("too-long", $"An utterance may last at most {options.MaxAudio.TotalSeconds:0} seconds.", WebSocketCloseStatus.MessageTooBig, cancel);
                return;
            }
            _audio.AddRange(samples);
            foreach (var change in stream.Push(samples))
            {
                if (change is VadEvent.Started started) await SendAsync(StreamEvents.SpeechStart(Milliseconds(started.Sample)), cancel);
                if (change is VadEvent.Ended ended)
                {
                    await FinishAsync(ended.Segment, start, cancel);
                    return;
                }
            }
        }
    }

    private async Task FinishAsync(SpeechSegment segment, StreamStart start, CancellationToken cancel)
    {
        await SendAsync(StreamEvents.SpeechEnd(Milliseconds(segment.End)), cancel);
        var pad = (int)(0.3 * AudioClip.SampleRate);
        var from = Math.Max(0, segment.Start - pad);
        var to = Math.Min(_audio.Count, segment.End + pad);
        var clip = new AudioClip(_audio.GetRange(from, to - from).ToArray());
        try
        {
            var result = await transcriber.TranscribeAsync(clip, start.Engine, userId, accessToken: null, decodeMs: 0, cancel);
            await SendAsync(new
            {
                type = "transcript",
                text = result.Text,
                engine = result.Engine,
                confidence = Math.Round(result.Confidence, 3),
                rejected = result.Rejected,
                durationMs = result.DurationMs,
                timings = result.Timings,
            }, cancel);
            if (start.Mode != "transcribe")
            {
                var text = result.Rejected ? "" : result.Text;
                var response = await commands.RespondAsync(text, start.Context?.ForCommand, userId, accessToken, (int)(result.Timings.VadMs + result.Timings.AsrMs), cancel);
                await SendAsync(StreamEvents.Result(response), cancel);
                await SendAsync(StreamEvents.Reply(response.Reply), cancel);
            }
            await CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancel);
        }
        catch (AudioRejectedException rejected)
        {
            await FailAsync("no-speech", rejected.Message, WebSocketCloseStatus.NormalClosure, cancel);
        }
    }

    /// <summary>The next whole message, or null when the client closed or went quiet past the idle limit.</summary>
    private async Task<(WebSocketMessageType Type, byte[] Data)?> ReceiveAsync(CancellationToken cancel)
    {
        _pendingReceive ??= ReceiveMessageAsync(cancel);
        var idle = Task.Delay(options.StreamIdleTimeout, cancel);
        if (await Task.WhenAny(_pendingReceive, idle) == idle)
        {
            await FailAsync("idle", $"No audio for {options.StreamIdleTimeout.TotalSeconds:0} seconds.", WebSocketCloseStatus.PolicyViolation, cancel);
            return null;
        }
        var message = await _pendingReceive;
        _pendingReceive = null;
        if (message.Type != WebSocketMessageType.Close) return message;
        await CloseAsync(WebSocketCloseStatus.NormalClosure, "closed by client", cancel);
        return null;
    }

    private async Task<(WebSocketMessageType, byte[])> ReceiveMessageAsync(CancellationToken cancel)
    {
        var buffer = new byte[16 * 1024];
        var message = new MemoryStream();
        while (true)
        {
            var part = await socket.ReceiveAsync(buffer, cancel);
            if (part.MessageType == WebSocketMessageType.Close) return (WebSocketMessageType.Close, []);
            message.Write(buffer, 0, part.Count);
            // Stop reading an oversize frame early; its size is already known to be wrong.
            if (part.EndOfMessage || message.Length > MaxFrameBytes) return (part.MessageType, message.ToArray());
        }
    }

    private async Task<StreamStart?> FailAsync(string code, string text, WebSocketCloseStatus status, CancellationToken cancel)
    {
        await SendAsync(StreamEvents.Error(code, text), cancel);
        await CloseAsync(status, code, cancel);
        return null;
    }

    private async Task SendAsync(object payload, CancellationToken cancel)
    {
        if (socket.State != WebSocketState.Open) return;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, StreamEvents.Json);
        await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancel);
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken cancel)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            await socket.CloseOutputAsync(status, reason, cancel);
    }

    private static StreamControl? TryParse(byte[] data)
    {
        try { return JsonSerializer.Deserialize<StreamControl>(data, StreamEvents.Json); }
        catch (JsonException) { return null; }
    }

    private static float[] ToFloats(byte[] pcm)
    {
        var samples = new float[pcm.Length / 2];
        for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm.AsSpan(2 * i)) / 32768f;
        return samples;
    }

    private static long Milliseconds(int sample) => sample * 1000L / AudioClip.SampleRate;
}
