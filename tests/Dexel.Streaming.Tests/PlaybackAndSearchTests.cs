using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Dexel.Streaming.Tests;

[Collection(StreamingCollection.Name)]
public sealed class PlaybackAndSearchTests(StreamingFixture app)
{
    [Fact]
    public async Task Playback_events_reach_kafka_as_song_played()
    {
        var listener = await app.RegisterAsync();
        var id = await app.UploadAsync(listener, app.Audio.Tone(2), "audio/wav", "Played");
        Assert.Equal("ready", (await app.WaitFinishedAsync(listener, id)).GetProperty("status").GetString());
        using var client = app.CreateClient(listener);

        foreach (var (type, position) in new[] { ("started", 0L), ("skipped", 1500L) })
        {
            using var response = await client.PostAsJsonAsync("/api/v1/playback/events", new { trackId = id, type, positionMs = position });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var played = await KafkaProbe.ReadAsync(app.Kafka.ConnectionString, "song.played",
            m => KafkaProbe.Json(m).GetProperty("trackId").GetGuid() == id, expected: 2, TimeSpan.FromSeconds(30));
        var events = played.Select(KafkaProbe.Json).ToList();
        Assert.Equal(["started", "skipped"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e => Assert.Equal(listener.UserId, e.GetProperty("userId").GetGuid()));
        Assert.Equal(1500, events[1].GetProperty("positionMs").GetInt64());
    }

    public static TheoryData<string, string> BadPlaybackEvents => new()
    {
        { """{"trackId": "00000000-0000-0000-0000-000000000001", "type": "started", """, "malformed JSON" },
        { """{"trackId": 42, "type": "started", "positionMs": 0}""", "wrong type" },
        { """{"trackId": "00000000-0000-0000-0000-000000000001", "type": "paused", "positionMs": 0}""", "unknown type" },
        { """{"trackId": "00000000-0000-0000-0000-000000000001", "type": "started", "positionMs": -5}""", "negative position" },
        { """{"type": "started", "positionMs": 0}""", "missing track" },
    };

    [Theory]
    [MemberData(nameof(BadPlaybackEvents))]
    public async Task Bad_playback_events_get_400(string body, string why)
    {
        var listener = await app.RegisterAsync();
        using var client = app.CreateClient(listener);
        using var response = await client.PostAsync("/api/v1/playback/events", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_playback_event_for_an_unknown_track_is_404()
    {
        using var client = app.CreateClient(await app.RegisterAsync());
        using var response = await client.PostAsJsonAsync("/api/v1/playback/events", new { trackId = Guid.NewGuid(), type = "started", positionMs = 0 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Search_is_ranked_and_ignores_case_and_accents()
    {
        var listener = await app.RegisterAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var exact = await app.UploadAsync(listener, app.Audio.Tone(1.5), "audio/wav", $"Café Naïve {tag}", "Zoë Brontë");
        var partial = await app.UploadAsync(listener, app.Audio.Tone(1.5), "audio/wav", $"Morning {tag}", "Other Artist", album: "Naive Café Sessions");
        var unrelated = await app.UploadAsync(listener, app.Audio.Tone(1.5), "audio/wav", $"Thunder {tag}", "Storm");
        foreach (var id in new[] { exact, partial, unrelated })
            Assert.Equal("ready", (await app.WaitFinishedAsync(listener, id)).GetProperty("status").GetString());
        using var client = app.CreateClient(listener);

        var byTitle = await SearchAsync(client, $"CAFE NAIVE {tag}");
        Assert.Equal(exact, byTitle[0]);
        Assert.DoesNotContain(unrelated, byTitle);

        Assert.Contains(exact, await SearchAsync(client, "zoe bronte"));
        var byAlbum = await SearchAsync(client, $"naive cafe sessions");
        Assert.Contains(partial, byAlbum);
        Assert.DoesNotContain(unrelated, byAlbum);

        using var tooLong = await client.GetAsync($"/api/v1/tracks?q={new string('x', 201)}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        using var badLimit = await client.GetAsync("/api/v1/tracks?q=x&limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task Search_never_lists_tracks_that_are_not_ready()
    {
        var listener = await app.RegisterAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var broken = await app.UploadAsync(listener, app.Audio.Bytes($"{tag}.mp3", new byte[2048]), "audio/mpeg", $"Broken {tag}");
        Assert.Equal("failed", (await app.WaitFinishedAsync(listener, broken)).GetProperty("status").GetString());
        using var client = app.CreateClient(listener);
        Assert.Empty(await SearchAsync(client, $"broken {tag}"));
    }

    private static async Task<List<Guid>> SearchAsync(HttpClient client, string query)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks?q={Uri.EscapeDataString(query)}&limit=50");
        return body.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
    }
}
