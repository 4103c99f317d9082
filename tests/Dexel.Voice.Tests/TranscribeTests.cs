using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dexel.Speech.Audio;

namespace Dexel.Voice.Tests;

[Collection(VoiceCollection.Name)]
public sealed class TranscribeTests(VoiceFixture fixture) : IAsyncLifetime
{
    private Session _user = null!;

    public async ValueTask InitializeAsync() => _user = await fixture.RegisterAsync();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<HttpResponseMessage> PostAudioAsync(byte[] audio, string query = "", string mediaType = "audio/wav")
    {
        using var client = fixture.CreateClient(_user);
        var content = new ByteArrayContent(audio);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await client.PostAsync("/api/v1/voice/transcribe" + query, content);
    }

    [Theory]
    [InlineData("next song", "slt")]
    [InlineData("turn the volume up", "rms")]
    [InlineData("what song is this", "kal16")]
    public async Task A_spoken_command_is_transcribed_through_the_gateway(string command, string voice)
    {
        var clip = fixture.Speak(command, voice);

        using var response = await PostAudioAsync(AudioEncoder.ToWav(clip));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(command, body.GetProperty("text").GetString());
        Assert.Equal("grammar", body.GetProperty("engine").GetString());
        Assert.False(body.GetProperty("rejected").GetBoolean());
        Assert.InRange(body.GetProperty("durationMs").GetInt64(), (long)clip.Duration.TotalMilliseconds - 1, (long)clip.Duration.TotalMilliseconds + 1);
        Assert.True(body.GetProperty("timings").GetProperty("asrMs").GetDouble() > 0);
    }

    [Fact]
    public async Task Stereo_44_khz_wav_and_ogg_opus_are_resampled_and_understood()
    {
        var clip = fixture.Speak("skip this song");
        var resampled = Resampler.Resample(clip.Samples, 16_000, 44_100);
        using var stereo = await PostAudioAsync(StereoWav(resampled, 44_100));
        var ogg = await new AudioEncoder().EncodeAsync(clip, "ogg", CancellationToken.None);
        using var opus = await PostAudioAsync(ogg, mediaType: "audio/ogg");

        Assert.Equal("skip this song", (await stereo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString());
        Assert.Equal("skip this song", (await opus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Speech_that_is_not_a_command_is_rejected_with_an_empty_text()
    {
        using var response = await PostAudioAsync(AudioEncoder.ToWav(fixture.Speak("what's the weather in Paris")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("rejected").GetBoolean());
        Assert.Equal("", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Whisper_runs_on_the_generated_model_and_answers_in_the_same_shape()
    {
        var clip = fixture.Speak("play something by queen");

        using var response = await PostAudioAsync(AudioEncoder.ToWav(clip), "?engine=whisper");

        // Random weights: the words mean nothing, the shape and the timing do.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("whisper", body.GetProperty("engine").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("text").ValueKind);
        Assert.InRange(body.GetProperty("durationMs").GetInt64(), 1000, 10_000);
        Assert.InRange(body.GetProperty("timings").GetProperty("asrMs").GetDouble(), 0.1, 30_000);
    }

    public static TheoryData<string, int> BadAudio => new()
    {
        { "empty", 400 },
        { "text", 415 },
        { "random", 415 },
        { "silence", 422 },
        { "noise", 422 },
        { "too-long", 413 },
    };

    [Theory]
    [MemberData(nameof(BadAudio))]
    public async Task Bad_audio_gets_a_clear_problem_never_a_500(string kind, int status)
    {
        var random = new Random(5);
        byte[] audio = kind switch
        {
            "empty" => [],
            "text" => "this is not audio at all, just some text"u8.ToArray(),
            "random" => Enumerable.Range(0, 20_000).Select(_ => (byte)random.Next(256)).ToArray(),
            "silence" => AudioEncoder.ToWav(new AudioClip(new float[AudioClip.SampleRate * 3])),
            "noise" => AudioEncoder.ToWav(new AudioClip(Enumerable.Range(0, AudioClip.SampleRate * 3).Select(_ => (float)(random.NextDouble() - 0.5) * 0.02f).ToArray())),
            _ => AudioEncoder.ToWav(new AudioClip(new float[AudioClip.SampleRate * 16])),
        };

        using var response = await PostAudioAsync(audio);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task An_unknown_engine_or_a_missing_token_is_refused()
    {
        var wav = AudioEncoder.ToWav(fixture.Speak("pause"));
        using var unknown = await PostAudioAsync(wav, "?engine=nonsense");
        using var anonymous = fixture.CreateClient();
        using var noToken = await anonymous.PostAsync("/api/v1/voice/transcribe", new ByteArrayContent(wav));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }

    private static byte[] StereoWav(float[] mono, int rate)
    {
        var wav = new MemoryStream();
        var writer = new BinaryWriter(wav);
        writer.Write("RIFF"u8); writer.Write(36 + mono.Length * 4); writer.Write("WAVEfmt "u8);
        writer.Write(16); writer.Write((short)1); writer.Write((short)2); writer.Write(rate); writer.Write(rate * 4);
        writer.Write((short)4); writer.Write((short)16); writer.Write("data"u8); writer.Write(mono.Length * 4);
        foreach (var sample in mono)
        {
            var value = (short)Math.Clamp(sample * 32768f, short.MinValue, short.MaxValue);
            writer.Write(value); writer.Write(value);
        }
        return wav.ToArray();
    }
}
