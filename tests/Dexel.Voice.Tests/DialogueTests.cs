using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Voice.Tests;

/// <summary>Follow-ups through the gateway: "no, the other one", "the second one", "it", each within its client session.</summary>
[Collection(VoiceCollection.Name)]
public sealed class DialogueTests(VoiceFixture fixture) : IAsyncLifetime
{
    private Session _user = null!;
    private readonly string _session = Guid.NewGuid().ToString("N");

    public async ValueTask InitializeAsync() => _user = await fixture.RegisterAsync();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<JsonElement> CommandAsync(string text, object? nowPlaying = null, string? session = null) =>
        fixture.CommandAsync(_user, text, new { nowPlaying, sessionId = session ?? _session });

    private static string Status(JsonElement body) => body.GetProperty("result").GetProperty("status").GetString()!;

    private async Task<Guid> CreatePlaylistAsync(string name)
    {
        using var client = fixture.CreateClient(_user);
        using var created = await client.PostAsJsonAsync("/api/v1/playlists", new { name });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<List<Guid>> TracksOfAsync(Guid playlistId)
    {
        using var client = fixture.CreateClient(_user);
        var playlist = await client.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlistId}");
        return playlist.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("trackId").GetGuid()).ToList();
    }

    /// <summary>Adds the playing track by voice, retrying while the playlist service has not yet heard of the track.</summary>
    private async Task<JsonElement> AddPlayingAsync(string text, object nowPlaying)
    {
        JsonElement body = default;
        await Eventually.TrueAsync(async () => Status(body = await CommandAsync(text, nowPlaying)) == "done",
            TimeSpan.FromSeconds(30), "the playlist service should learn of the track from track.published", TimeSpan.FromMilliseconds(300));
        return body;
    }

    [Fact]
    public async Task No_the_other_one_moves_the_track_to_the_runner_up_playlist()
    {
        var roadTrip = await CreatePlaylistAsync("Road Trip");
        var roadTrips = await CreatePlaylistAsync("Road Trips");
        var trackId = await fixture.PublishTrackAsync("Blue in Green", "Miles Davis");
        var playing = new { trackId, title = "Blue in Green", artist = "Miles Davis" };

        var added = await AddPlayingAsync("add this to my road trip playlist", playing);
        Assert.Equal(roadTrip, added.GetProperty("result").GetProperty("playlistId").GetGuid());

        var moved = await CommandAsync("no, the other one", playing);

        Assert.Equal("done", Status(moved));
        Assert.Equal("AddToPlaylist", moved.GetProperty("intent").GetString());
        Assert.Equal(roadTrips, moved.GetProperty("result").GetProperty("playlistId").GetGuid());
        Assert.Equal("Moved Blue in Green from Road Trip to Road Trips.", moved.GetProperty("reply").GetProperty("text").GetString());
        Assert.Empty(await TracksOfAsync(roadTrip));
        Assert.Equal([trackId], await TracksOfAsync(roadTrips));
    }

    [Fact]
    public async Task It_means_the_track_the_session_last_acted_on_and_only_in_that_session()
    {
        var morning = await CreatePlaylistAsync("Morning");
        var evening = await CreatePlaylistAsync("Evening Chill");
        var trackId = await fixture.PublishTrackAsync("So What", "Miles Davis");
        await AddPlayingAsync("add this song to morning", new { trackId, title = "So What", artist = "Miles Davis" });

        var elsewhere = await CommandAsync("add it to evening chill too", session: "another-tab");
        var here = await CommandAsync("add it to evening chill too");

        Assert.Equal("needs-context", Status(elsewhere));
        Assert.Equal("done", Status(here));
        Assert.Equal([trackId], await TracksOfAsync(evening));
        Assert.Equal([trackId], await TracksOfAsync(morning));

        var removed = await CommandAsync("remove it from my morning playlist");
        var again = await CommandAsync("remove it from my morning playlist");
        Assert.Equal("done", Status(removed));
        Assert.Empty(await TracksOfAsync(morning));
        Assert.Equal("not-found", Status(again));
        Assert.Equal("So What isn't in Morning.", again.GetProperty("reply").GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_ambiguous_name_gets_a_question_and_the_answer_acts_on_the_one_picked()
    {
        var first = await CreatePlaylistAsync("Focus");
        var second = await CreatePlaylistAsync("Focus");

        var question = await CommandAsync("delete the focus playlist");
        Assert.Equal("ambiguous", Status(question));
        Assert.Equal(2, question.GetProperty("result").GetProperty("choices").GetArrayLength());
        Assert.StartsWith("Did you mean Focus or Focus", question.GetProperty("reply").GetProperty("text").GetString());

        var picked = await CommandAsync("the second one");
        Assert.Equal("needs-confirmation", Status(picked));
        var doomed = picked.GetProperty("result").GetProperty("playlistId").GetGuid();
        Assert.Contains(doomed, new[] { first, second });
        Assert.Equal("done", Status(await CommandAsync("yes")));

        using var client = fixture.CreateClient(_user);
        var left = (await client.GetFromJsonAsync<JsonElement>("/api/v1/playlists")).GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([first == doomed ? second : first], left);
    }

    [Fact]
    public async Task A_choice_with_nothing_open_says_so()
    {
        var body = await CommandAsync("the other one");

        Assert.Equal("needs-context", Status(body));
        Assert.Equal("There's nothing to choose from.", body.GetProperty("reply").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Without_analytics_the_history_question_gets_an_apology()
    {
        // This collection runs no analytics service.
        var body = await CommandAsync("what did I listen to yesterday");

        Assert.Equal("History", body.GetProperty("intent").GetString());
        Assert.Equal("yesterday", body.GetProperty("slots").GetProperty("day").GetString());
        Assert.Equal("unavailable", Status(body));
        Assert.Equal("Sorry, I can't reach your listening history right now.", body.GetProperty("reply").GetProperty("text").GetString());
    }
}
