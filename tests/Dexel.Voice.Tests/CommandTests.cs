using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dexel.Speech.Audio;

namespace Dexel.Voice.Tests;

/// <summary>POST /api/v1/voice/commands through the gateway: typed and spoken, acted on with the caller's identity.</summary>
[Collection(VoiceCollection.Name)]
public sealed class CommandTests(VoiceFixture fixture) : IAsyncLifetime
{
    private Session _user = null!;

    public async ValueTask InitializeAsync() => _user = await fixture.RegisterAsync();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<JsonElement> CommandAsync(string text, object? context = null) => fixture.CommandAsync(_user, text, context);

    private static string Status(JsonElement body) => body.GetProperty("result").GetProperty("status").GetString()!;

    private static string ReplyText(JsonElement body) => body.GetProperty("reply").GetProperty("text").GetString()!;

    [Theory]
    [InlineData("pause", "Pause", "pause", null)]
    [InlineData("skip this song", "Next", "next", null)]
    [InlineData("Set the volume to 40 percent", "VolumeSet", "volume", 40)]
    [InlineData("jump to 90 seconds", "Seek", "seek", 90)]
    public async Task A_player_command_comes_back_as_a_directive_with_a_spoken_reply(string text, string intent, string directive, int? value)
    {
        var body = await CommandAsync(text);

        Assert.Equal(intent, body.GetProperty("intent").GetString());
        Assert.Equal("done", Status(body));
        var only = Assert.Single(body.GetProperty("directives").EnumerateArray().ToList());
        Assert.Equal(directive, only.GetProperty("type").GetString());
        if (value is not null) Assert.Equal(value, only.GetProperty("value").GetInt32());

        using var anonymous = fixture.CreateClient();
        using var audio = await anonymous.GetAsync(body.GetProperty("reply").GetProperty("audioUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
        Assert.True((await audio.Content.ReadAsByteArrayAsync()).Length > 8000, "the reply is not audible");
    }

    [Fact]
    public async Task A_spoken_command_is_heard_and_acted_on()
    {
        using var client = fixture.CreateClient(_user);
        var content = new ByteArrayContent(AudioEncoder.ToWav(fixture.Speak("next song")));
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        using var response = await client.PostAsync("/api/v1/voice/commands", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("next song", body.GetProperty("transcript").GetString());
        Assert.Equal("next", body.GetProperty("directives")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Spoken_as_a_form_the_command_carries_its_context()
    {
        using var client = fixture.CreateClient(_user);
        using var form = SpokenForm("what song is this", "{\"nowPlaying\":{\"trackId\":\"" + Guid.NewGuid() + "\",\"title\":\"Blue in Green\",\"artist\":\"Miles Davis\"}}");

        using var response = await client.PostAsync("/api/v1/voice/commands", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("WhatsPlaying", body.GetProperty("intent").GetString());
        Assert.Equal("This is Blue in Green by Miles Davis.", ReplyText(body));
    }

    [Theory]
    [InlineData(true, "{not json", "context")]
    [InlineData(false, null, "audio")]
    public async Task A_form_without_audio_or_with_broken_context_is_a_400_problem(bool withAudio, string? context, string field)
    {
        using var client = fixture.CreateClient(_user);
        using var form = withAudio ? SpokenForm("pause", context) : new MultipartFormDataContent { { new StringContent("{}"), "context" } };

        using var response = await client.PostAsync("/api/v1/voice/commands", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    private MultipartFormDataContent SpokenForm(string text, string? context)
    {
        var audio = new ByteArrayContent(AudioEncoder.ToWav(fixture.Speak(text)));
        audio.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        var form = new MultipartFormDataContent { { audio, "audio", "command.wav" } };
        if (context is not null) form.Add(new StringContent(context), "context");
        return form;
    }

    [Fact]
    public async Task Creating_a_playlist_by_voice_really_creates_it_for_the_caller()
    {
        var body = await CommandAsync("create a playlist called Road Trip Anthems");

        Assert.Equal("done", Status(body));
        Assert.Equal("Created the playlist Road Trip Anthems.", ReplyText(body));
        using var client = fixture.CreateClient(_user);
        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/playlists");
        var created = Assert.Single(mine.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal("Road Trip Anthems", created.GetProperty("name").GetString());
        Assert.Equal(body.GetProperty("result").GetProperty("playlistId").GetGuid(), created.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Only_the_callers_own_playlists_are_matched_and_a_miss_offers_the_nearest()
    {
        var other = await fixture.RegisterAsync();
        using (var otherClient = fixture.CreateClient(other))
            (await otherClient.PostAsJsonAsync("/api/v1/playlists", new { name = "Zebra Crossing" })).EnsureSuccessStatusCode();
        await CommandAsync("create a playlist called Workout");
        var playing = new { nowPlaying = new { trackId = Guid.NewGuid(), title = "Blue in Green", artist = "Miles Davis" } };

        var body = await CommandAsync("add this to my zebra crossing playlist", playing);

        Assert.Equal("not-found", Status(body));
        Assert.Equal(["Workout"], body.GetProperty("result").GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Deleting_a_playlist_waits_for_a_yes()
    {
        await CommandAsync("create a playlist called Old Mixes");

        var asked = await CommandAsync("delete my old mixes playlist");
        Assert.Equal("needs-confirmation", Status(asked));
        Assert.Equal("Delete your playlist Old Mixes? Say yes to confirm.", ReplyText(asked));
        Assert.Single(await MyPlaylistsAsync());

        var confirmed = await CommandAsync("yes");
        Assert.Equal("done", Status(confirmed));
        Assert.Empty(await MyPlaylistsAsync());
        Assert.Equal("needs-context", Status(await CommandAsync("yes"))); // the confirmation was used up
    }

    [Fact]
    public async Task A_no_keeps_the_playlist()
    {
        await CommandAsync("create a playlist called Keepers");
        Assert.Equal("needs-confirmation", Status(await CommandAsync("delete the playlist keepers")));

        var denied = await CommandAsync("no");

        Assert.Equal("cancelled", Status(denied));
        Assert.Equal("Okay, I'll keep Keepers.", ReplyText(denied));
        Assert.Equal("needs-context", Status(await CommandAsync("yes")));
        Assert.Single(await MyPlaylistsAsync());
    }

    [Fact]
    public async Task Playing_an_empty_playlist_or_no_liked_songs_says_so()
    {
        await CommandAsync("create a playlist called Workout");

        Assert.Equal("Your playlist Workout is empty.", ReplyText(await CommandAsync("play my workout playlist")));
        var liked = await CommandAsync("play my liked songs");
        Assert.Equal("empty", Status(liked));
        Assert.Empty(liked.GetProperty("directives").EnumerateArray());
    }

    private async Task<List<JsonElement>> MyPlaylistsAsync()
    {
        using var client = fixture.CreateClient(_user);
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/playlists")).GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task What_is_playing_comes_from_the_clients_context()
    {
        var playing = new { nowPlaying = new { trackId = Guid.NewGuid(), title = "Blue in Green", artist = "Miles Davis" } };

        Assert.Equal("This is Blue in Green by Miles Davis.", ReplyText(await CommandAsync("what's playing", playing)));
        Assert.Equal("needs-context", Status(await CommandAsync("like this song")));
    }

    [Fact]
    public async Task Words_that_are_no_command_are_not_understood_not_an_error()
    {
        var body = await CommandAsync("what's the weather in Paris");

        Assert.Equal("not-understood", Status(body));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("intent").ValueKind);
        Assert.Empty(body.GetProperty("directives").EnumerateArray());
    }

    [Fact]
    public async Task A_stopped_playlist_service_gets_a_spoken_apology_not_a_500()
    {
        await fixture.StopServiceAsync("playlist");
        try
        {
            var body = await CommandAsync("create a playlist called Late Night");

            Assert.Equal("unavailable", Status(body));
            Assert.Equal("Sorry, I can't reach your playlists right now.", ReplyText(body));
            Assert.StartsWith("/api/v1/voice/audio/", body.GetProperty("reply").GetProperty("audioUrl").GetString());
        }
        finally
        {
            await fixture.StartServiceAsync("playlist");
        }
    }

    [Fact]
    public async Task Playing_needs_the_catalog_and_without_it_the_reply_says_so()
    {
        // This collection runs no streaming service: the catalog cannot be read.
        var body = await CommandAsync("play Blue in Green by Miles Davis");

        Assert.Equal("PlayTrack", body.GetProperty("intent").GetString());
        Assert.Equal("blue in green", body.GetProperty("slots").GetProperty("track").GetString());
        Assert.Equal("unavailable", Status(body));
        Assert.Equal("Sorry, I can't reach the music catalog right now.", ReplyText(body));
    }

    [Theory]
    [InlineData("{\"text\": ", "body")]
    [InlineData("{\"text\": 42}", "body")]
    [InlineData("{\"text\": \"   \"}", "text")]
    [InlineData("{}", "text")]
    public async Task Bad_json_is_a_400_problem_naming_the_field(string json, string field)
    {
        using var client = fixture.CreateClient(_user);

        using var response = await client.PostAsync("/api/v1/voice/commands", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }

    [Fact]
    public async Task Too_long_text_corrupt_audio_and_no_token_are_refused()
    {
        using var client = fixture.CreateClient(_user);
        using var tooLong = await client.PostAsJsonAsync("/api/v1/voice/commands", new { text = new string('a', 501) });
        var notAudio = new ByteArrayContent(Encoding.UTF8.GetBytes("this is not audio at all"));
        notAudio.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var corrupt = await client.PostAsync("/api/v1/voice/commands", notAudio);
        using var anonymous = fixture.CreateClient();
        using var noToken = await anonymous.PostAsJsonAsync("/api/v1/voice/commands", new { text = "pause" });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, corrupt.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }
}
