using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dexel.Speech.Audio;

namespace Dexel.Voice.Tests;

[Collection(VoiceCollection.Name)]
public sealed class SpeakTests(VoiceFixture fixture) : IAsyncLifetime
{
    private Session _user = null!;

    public async ValueTask InitializeAsync() => _user = await fixture.RegisterAsync();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Spoken_wav_comes_back_and_transcribes_to_the_same_words()
    {
        using var client = fixture.CreateClient(_user);

        using var spoken = await client.PostAsJsonAsync("/api/v1/voice/speak", new { text = "Turn the volume down.", voice = "awb" });
        var wav = await spoken.Content.ReadAsByteArrayAsync();
        using var heard = await client.PostAsync("/api/v1/voice/transcribe", new ByteArrayContent(wav));

        Assert.Equal(HttpStatusCode.OK, spoken.StatusCode);
        Assert.Equal("audio/wav", spoken.Content.Headers.ContentType?.MediaType);
        Assert.True(AudioDecoder.TryReadPcmWav(wav, out var clip));
        Assert.InRange(clip.Duration.TotalSeconds, 0.8, 5);
        var body = await heard.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("turn the volume down", body.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("ogg", "audio/ogg")]
    [InlineData("mp3", "audio/mpeg")]
    public async Task Compressed_formats_are_real_ogg_opus_and_mp3(string format, string mediaType)
    {
        using var client = fixture.CreateClient(_user);

        using var response = await client.PostAsJsonAsync("/api/v1/voice/speak", new { text = "Here is your playlist.", format });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var clip = await new AudioDecoder().DecodeAsync(bytes, TimeSpan.FromSeconds(15), CancellationToken.None);
        Assert.InRange(clip.Duration.TotalSeconds, 0.5, 5);
        if (format == "ogg") Assert.Equal("OggS"u8.ToArray(), bytes[..4]);
    }

    [Fact]
    public async Task A_reply_kept_behind_a_signed_url_plays_without_a_token_until_tampered_with()
    {
        using var client = fixture.CreateClient(_user);
        using var response = await client.PostAsJsonAsync("/api/v1/voice/speak", new { text = "Done.", delivery = "url" });
        var url = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("audioUrl").GetString()!;
        using var anonymous = fixture.CreateClient();

        using var played = await anonymous.GetAsync(url);
        using var tampered = await anonymous.GetAsync(url.Replace("sig=", "sig=x"));

        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.Equal("audio/wav", played.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"voice":"slt"}""", "text" },
        { """{"text":"   "}""", "text" },
        { """{"text":"hi","voice":"hal9000"}""", "voice" },
        { """{"text":"hi","format":"flac"}""", "format" },
        { """{"text":"hi","delivery":"carrier pigeon"}""", "delivery" },
        { "{\"text\":\"" + new string('a', 1001) + "\"}", "text" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_speak_requests_are_validation_problems(string json, string field)
    {
        using var client = fixture.CreateClient(_user);

        using var response = await client.PostAsync("/api/v1/voice/speak", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var client = fixture.CreateClient(_user);

        using var malformed = await client.PostAsync("/api/v1/voice/speak", new StringContent("{\"text\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }
}
