using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Playlist.Tests;

[Collection(PlaylistCollection.Name)]
public sealed class EventTests(PlaylistFixture app)
{
    [Fact]
    public async Task Each_create_publishes_playlist_created_once()
    {
        var owner = await app.RegisterAsync();
        var first = (await app.CreatePlaylistAsync(owner, "First", isPublic: true)).Id();
        var second = (await app.CreatePlaylistAsync(owner, "Second")).Id();
        using (var client = app.CreateClient(owner))
            await client.PatchAsJsonAsync($"/api/v1/playlists/{first}", new { name = "Renamed" });

        var events = await KafkaProbe.ReadAsync(app.Kafka.ConnectionString, "playlist.created",
            m => m.Message.Key == first.ToString() || m.Message.Key == second.ToString(), expected: 2, TimeSpan.FromSeconds(30));

        Assert.Equal([first, second], events.Select(e => KafkaProbe.Json(e).GetProperty("playlistId").GetGuid()).Order());
        var published = events.Select(KafkaProbe.Json).Single(e => e.GetProperty("playlistId").GetGuid() == first);
        Assert.Equal("First", published.GetProperty("name").GetString());
        Assert.True(published.GetProperty("isPublic").GetBoolean());
        Assert.Equal(owner.UserId, published.GetProperty("ownerId").GetGuid());
    }

    [Fact]
    public async Task A_re_published_track_updates_the_copy_and_a_repeated_event_changes_nothing()
    {
        var track = await app.PublishTrackAsync("Old title", "Artist");
        var owner = await app.RegisterAsync();
        var playlist = await app.AddTracksAsync(owner, (await app.CreatePlaylistAsync(owner)).Id(), [track]);

        var update = new Dexel.EventBus.IntegrationEvents.TrackPublished(track, Guid.NewGuid(), "New title", "Artist", null, null, 1000, [64]);
        await UpstreamEvents.PublishAsync(app.Kafka.ConnectionString, update);
        await UpstreamEvents.PublishAsync(app.Kafka.ConnectionString, update);
        using var client = app.CreateClient(owner);
        await Eventually.TrueAsync(async () =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlist.Id()}")).Tracks()[0].GetProperty("title").GetString() == "New title",
            TimeSpan.FromSeconds(30), "the playlist should show the re-published title", TimeSpan.FromSeconds(1));
        Assert.Equal(1, await app.CountAsync("SELECT count(*) FROM tracks WHERE id = @id", track));
    }

    [Fact]
    public async Task A_track_published_while_playlist_was_down_is_known_once_it_is_back()
    {
        var owner = await app.RegisterAsync();
        var playlist = (await app.CreatePlaylistAsync(owner)).Id();

        await app.StopServiceAsync("playlist");
        Guid track;
        try
        {
            track = await app.PublishTrackUncheckedAsync("Published during the outage");
        }
        finally
        {
            await app.StartServiceAsync("playlist");
        }

        using var client = app.CreateClient(owner);
        // The stop is a kill, so the old consumer never left its group: the broker hands its
        // partitions over only after the session timeout (45 s), hence the generous wait.
        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.PostAsJsonAsync($"/api/v1/playlists/{playlist}/tracks", new { trackId = track });
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(120), "the consumer should catch up from its committed offset", TimeSpan.FromSeconds(1));
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlist}");
        Assert.Equal("Published during the outage", stored.Tracks().Single().GetProperty("title").GetString());
    }
}
