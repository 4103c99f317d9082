using System.Net;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Dexel.EventBus.IntegrationEvents;
using Dexel.Speech;
using Dexel.Speech.Audio;
using Dexel.Speech.Tts;
using Microsoft.Extensions.DependencyInjection;

namespace Dexel.Voice.Tests;

[CollectionDefinition(Name)]
public sealed class VoiceCollection : ICollectionFixture<VoiceFixture>
{
    // One gateway, auth and voice for every class: the engines take seconds to load.
    public const string Name = "voice";
}

/// <summary>Gateway, auth, playlist and voice (with the small random Whisper model), plus a local flite to speak test phrases.</summary>
public sealed class VoiceFixture : DexelAppFixture
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public VoiceFixture() => Tts = new FliteTextToSpeechClient(new SpeechMetrics(_meters.GetRequiredService<IMeterFactory>()), new AudioEncoder());

    public FliteTextToSpeechClient Tts { get; }

    protected override IReadOnlyList<string> ServicesToStart => ["auth", "playlist", "voice", "gateway"];

    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        if (service != "voice") return;
        var models = Path.Combine(TestEnvironment.RepositoryRoot, ".local", "speech");
        environment["Voice__ModelDirectory"] = models;
        environment["Voice__WhisperModelPath"] = Path.Combine(models, "ggml-mini-random.bin");
        environment["Voice__StreamIdleTimeout"] = IdleTimeout.ToString();
    }

    /// <summary>Speech with silence around it, as a microphone would record it.</summary>
    public AudioClip Speak(string text, string voice = "slt", double silenceSeconds = 0.5)
    {
        var speech = Tts.Synthesize(text, voice);
        var silence = new float[(int)(silenceSeconds * AudioClip.SampleRate)];
        return new AudioClip([.. silence, .. speech.Samples, .. silence]);
    }

    /// <summary>A typed command through the gateway; any status but 200 fails the test.</summary>
    public async Task<JsonElement> CommandAsync(Session session, string text, object? context = null)
    {
        using var client = CreateClient(session);
        using var response = await client.PostAsJsonAsync("/api/v1/voice/commands", new { text, context });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A track as streaming announces it on Kafka; the playlist service learns of it in a moment.</summary>
    public async Task<Guid> PublishTrackAsync(string title, string artist)
    {
        var id = Guid.CreateVersion7();
        await UpstreamEvents.PublishAsync(Kafka.ConnectionString,
            new TrackPublished(id, Guid.NewGuid(), title, artist, "Album", "jazz", 180_000, [64, 128, 256]));
        return id;
    }

    public async Task<string> TicketAsync(Session session)
    {
        using var client = CreateClient(session);
        using var response = await client.PostAsync("/api/v1/voice/stream/tickets", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString()!;
    }

    public Uri StreamUri => new UriBuilder(GatewayUrl) { Scheme = "ws", Path = "/api/v1/voice/stream" }.Uri;

    public async Task<ClientWebSocket> ConnectAsync(string? ticket)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.AddSubProtocol("dexel.voice.v1");
        if (ticket is not null) socket.Options.AddSubProtocol("ticket." + ticket);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(StreamUri, timeout.Token);
        return socket;
    }

    public override async ValueTask DisposeAsync()
    {
        Tts.Dispose();
        await _meters.DisposeAsync();
        await base.DisposeAsync();
    }
}
