using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Dexel.Speech.Audio;

namespace Dexel.Voice.Tests;

/// <summary>The WebSocket session end to end through the gateway, with frames paced like a microphone.</summary>
[Collection(VoiceCollection.Name)]
public sealed class StreamTests(VoiceFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private Session _user = null!;

    public async ValueTask InitializeAsync() => _user = await fixture.RegisterAsync();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_command_spoken_into_the_stream_is_heard_ended_by_the_vad_and_transcribed()
    {
        using var socket = await fixture.ConnectAsync(await fixture.TicketAsync(_user));
        Assert.Equal("dexel.voice.v1", socket.SubProtocol);
        await SendJsonAsync(socket, new { type = "start", sampleRate = 16000, encoding = "pcm16" });
        var listening = await ReceiveEventAsync(socket);

        // 100 ms frames every 100 ms: speech, then enough silence for the VAD to end it.
        var clip = fixture.Speak("previous song", silenceSeconds: 1.0);
        var sending = SendPacedAsync(socket, clip, TimeSpan.FromMilliseconds(100));
        var events = await ReceiveUntilClosedAsync(socket);
        await sending;

        Assert.Equal("listening", listening.GetProperty("type").GetString());
        Assert.Equal(["speech-start", "speech-end", "transcript", "result", "reply"], events.Select(e => e.GetProperty("type").GetString()));
        var start = events[0].GetProperty("atMs").GetInt64();
        Assert.InRange(start, 700, 1300); // the speech began after one second of silence
        Assert.True(events[1].GetProperty("atMs").GetInt64() > start);
        Assert.Equal("previous song", events[2].GetProperty("text").GetString());
        // Acted on as the ticket's user: the directive for the player, and the spoken answer.
        Assert.Equal("Previous", events[3].GetProperty("intent").GetString());
        Assert.Equal("previous", events[3].GetProperty("directives")[0].GetProperty("type").GetString());
        Assert.Equal("Going back.", events[4].GetProperty("text").GetString());
        using var anonymous = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(events[4].GetProperty("audioUrl").GetString())).StatusCode);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task Audio_at_8_khz_is_resampled_on_the_way_in()
    {
        using var socket = await fixture.ConnectAsync(await fixture.TicketAsync(_user));
        await SendJsonAsync(socket, new { sampleRate = 8000, encoding = "pcm16" });
        await ReceiveEventAsync(socket);
        var clip = new AudioClip(Resampler.Resample(fixture.Speak("like this song", silenceSeconds: 1.0).Samples, 16_000, 8_000));

        var sending = SendPacedAsync(socket, clip, TimeSpan.FromMilliseconds(100), sampleRate: 8000);
        var events = await ReceiveUntilClosedAsync(socket);
        await sending;

        // Telephone-band audio loses what the 16 kHz acoustic model listens for, so the words are not
        // the point here: the 8 kHz stream is resampled, its speech found where it is, and transcribed.
        var types = events.Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.True(types.IndexOf("speech-start") >= 0 && types.IndexOf("speech-start") < types.IndexOf("speech-end")
            && types.IndexOf("speech-end") < types.IndexOf("transcript"), string.Join(", ", types));
    }

    [Fact]
    public async Task A_command_spoken_into_the_stream_acts_as_the_ticket_user_with_the_context_sent()
    {
        using var client = fixture.CreateClient(_user);
        using var created = await client.PostAsJsonAsync("/api/v1/playlists", new { name = "Road Trip" });
        var playlistId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var trackId = await fixture.PublishTrackAsync("Stream Song", "Socket Band");
        var context = new { nowPlaying = new { trackId, title = "Stream Song", artist = "Socket Band" }, sessionId = "stream-test" };
        var clip = fixture.Speak("add this song to road trip", silenceSeconds: 1.0);

        List<JsonElement> events = [];
        await Eventually.TrueAsync(async () =>
        {
            // The ticket is issued after the playlist exists, so its name is in the grammar.
            using var socket = await fixture.ConnectAsync(await fixture.TicketAsync(_user));
            await SendJsonAsync(socket, new { type = "start", sampleRate = 16000, encoding = "pcm16", context });
            await ReceiveEventAsync(socket);
            var sending = SendPacedAsync(socket, clip, TimeSpan.FromMilliseconds(50));
            events = await ReceiveUntilClosedAsync(socket);
            await sending;
            // Retried while the playlist service has not yet heard of the track from Kafka.
            return events.Any(e => e.GetProperty("type").GetString() == "result" && e.GetProperty("result").GetProperty("status").GetString() == "done");
        }, TimeSpan.FromSeconds(30), "the spoken add should be done once the playlist service knows the track", TimeSpan.FromMilliseconds(300));

        var result = Assert.Single(events, e => e.GetProperty("type").GetString() == "result");
        Assert.Equal("AddToPlaylist", result.GetProperty("intent").GetString());
        Assert.Equal(playlistId, result.GetProperty("result").GetProperty("playlistId").GetGuid());
        Assert.Equal("Added Stream Song to Road Trip.", Assert.Single(events, e => e.GetProperty("type").GetString() == "reply").GetProperty("text").GetString());
        var playlist = await client.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlistId}");
        Assert.Equal([trackId], playlist.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("trackId").GetGuid()));
    }

    [Fact]
    public async Task In_transcribe_mode_the_stream_stops_at_the_transcript_and_acts_on_nothing()
    {
        using var socket = await fixture.ConnectAsync(await fixture.TicketAsync(_user));
        await SendJsonAsync(socket, new { type = "start", sampleRate = 16000, encoding = "pcm16", mode = "transcribe" });
        await ReceiveEventAsync(socket);

        var sending = SendPacedAsync(socket, fixture.Speak("next song", silenceSeconds: 1.0), TimeSpan.FromMilliseconds(50));
        var events = await ReceiveUntilClosedAsync(socket);
        await sending;

        Assert.Equal(["speech-start", "speech-end", "transcript"], events.Select(e => e.GetProperty("type").GetString()));
        using var client = fixture.CreateClient(_user);
        var history = await client.GetFromJsonAsync<JsonElement>("/api/v1/voice/history");
        Assert.Empty(history.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_client_can_cancel_and_no_transcript_follows()
    {
        using var socket = await fixture.ConnectAsync(await fixture.TicketAsync(_user));
        await SendJsonAsync(socket, new { sampleRate = 16000, encoding = "pcm16" });
        await ReceiveEventAsync(socket);
        var clip = fixture.Speak("stop the music");
        await socket.SendAsync(Pcm(clip.Samples.AsSpan(0, 8000)), WebSocketMessageType.Binary, true, CancellationToken.None);

        await SendJsonAsync(socket, new { type = "cancel" });
        var events = await ReceiveUntilClosedAsync(socket);

        Assert.DoesNotContain(events, e => e.GetProperty("type").GetString() == "transcript");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        Assert.Equal("cancelled", socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Audio_past_the_length_limit_ends_the_session_with_an_error()
    {
        using var socket = await fixture.ConnectAsync(await fixture.TicketAsync(_user));
        await SendJsonAsync(socket, new { sampleRate = 16000, encoding = "pcm16" });
        await ReceiveEventAsync(socket);

        // 16 s of quiet hiss, sent as fast as the socket takes it: the VAD never ends an utterance.
        var random = new Random(3);
        var frame = Pcm(Enumerable.Range(0, 16000).Select(_ => (float)(random.NextDouble() - 0.5) * 0.01f).ToArray());
        var events = new List<JsonElement>();
        for (var second = 0; second < 16 && socket.State == WebSocketState.Open; second++)
            await socket.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None);
        events.AddRange(await ReceiveUntilClosedAsync(socket));

        var error = Assert.Single(events, e => e.GetProperty("type").GetString() == "error");
        Assert.Equal("too-long", error.GetProperty("code").GetString());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
    }

    [Theory]
    [InlineData("odd-frame")]
    [InlineData("bad-start")]
    [InlineData("wrong-encoding")]
    [InlineData("bad-control")]
    [InlineData("bad-mode")]
    public async Task Malformed_messages_get_an_error_event_and_a_close(string kind)
    {
        using var socket = await fixture.ConnectAsync(await fixture.TicketAsync(_user));
        if (kind == "bad-start") await SendTextAsync(socket, "hello");
        else if (kind == "wrong-encoding") await SendJsonAsync(socket, new { sampleRate = 16000, encoding = "mp3" });
        else if (kind == "bad-mode") await SendJsonAsync(socket, new { sampleRate = 16000, encoding = "pcm16", mode = "dictate" });
        else
        {
            await SendJsonAsync(socket, new { sampleRate = 16000, encoding = "pcm16" });
            await ReceiveEventAsync(socket);
            if (kind == "odd-frame") await socket.SendAsync(new byte[101], WebSocketMessageType.Binary, true, CancellationToken.None);
            else await SendTextAsync(socket, "{\"type\":\"dance\"}");
        }

        var events = await ReceiveUntilClosedAsync(socket);

        var error = Assert.Single(events);
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, socket.CloseStatus);
    }

    [Fact]
    public async Task A_silent_client_is_disconnected_after_the_idle_limit()
    {
        using var socket = await fixture.ConnectAsync(await fixture.TicketAsync(_user));
        await SendJsonAsync(socket, new { sampleRate = 16000, encoding = "pcm16" });
        await ReceiveEventAsync(socket);

        var events = await ReceiveUntilClosedAsync(socket);

        Assert.Equal("idle", Assert.Single(events).GetProperty("code").GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
    }

    [Fact]
    public async Task Without_a_valid_unused_ticket_the_upgrade_is_refused_with_401()
    {
        var ticket = await fixture.TicketAsync(_user);
        using (await fixture.ConnectAsync(ticket)) { }

        var none = await Assert.ThrowsAsync<WebSocketException>(() => fixture.ConnectAsync(null));
        var reused = await Assert.ThrowsAsync<WebSocketException>(() => fixture.ConnectAsync(ticket));
        var forged = await Assert.ThrowsAsync<WebSocketException>(() => fixture.ConnectAsync(ticket[..^3] + "abc"));

        Assert.All(new[] { none, reused, forged }, e => Assert.Contains("401", e.Message));
    }

    [Fact]
    public async Task A_context_naming_another_user_is_refused()
    {
        var other = await fixture.RegisterAsync();
        using var socket = await fixture.ConnectAsync(await fixture.TicketAsync(_user));

        await SendJsonAsync(socket, new { sampleRate = 16000, encoding = "pcm16", context = new { userId = other.UserId } });
        var events = await ReceiveUntilClosedAsync(socket);

        Assert.Equal("forbidden", Assert.Single(events).GetProperty("code").GetString());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
    }

    private static byte[] Pcm(ReadOnlySpan<float> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
            BitConverter.TryWriteBytes(bytes.AsSpan(2 * i), (short)Math.Clamp(samples[i] * 32768f, short.MinValue, short.MaxValue));
        return bytes;
    }

    private static async Task SendPacedAsync(WebSocket socket, AudioClip clip, TimeSpan frame, int sampleRate = AudioClip.SampleRate)
    {
        var samplesPerFrame = (int)(sampleRate * frame.TotalSeconds);
        for (var offset = 0; offset < clip.Samples.Length && socket.State == WebSocketState.Open; offset += samplesPerFrame)
        {
            var count = Math.Min(samplesPerFrame, clip.Samples.Length - offset);
            try
            {
                await socket.SendAsync(Pcm(clip.Samples.AsSpan(offset, count)), WebSocketMessageType.Binary, true, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                return; // the server ended the utterance and closed
            }
            await Task.Delay(frame);
        }
    }

    private static Task SendJsonAsync(WebSocket socket, object message) => SendTextAsync(socket, JsonSerializer.Serialize(message));

    private static Task SendTextAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveEventAsync(WebSocket socket) =>
        await ReceiveOneAsync(socket) ?? throw new InvalidOperationException("The socket closed before an event arrived.");

    private static async Task<JsonElement?> ReceiveOneAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        while (true)
        {
            var part = await socket.ReceiveAsync(buffer, timeout.Token);
            if (part.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, part.Count);
            if (part.EndOfMessage) return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
        }
    }

    private static async Task<List<JsonElement>> ReceiveUntilClosedAsync(WebSocket socket)
    {
        var events = new List<JsonElement>();
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent && await ReceiveOneAsync(socket) is { } next) events.Add(next);
        return events;
    }
}
