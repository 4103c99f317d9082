using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Platform.Tests.YourData;

[Collection(YourDataCollection.Name)]
public sealed class TrackDeletionTests(YourDataFixture app)
{
    [Fact]
    public async Task The_uploader_deletes_a_track_and_its_media_catalog_entry_likes_and_playlist_entries_go()
    {
        var artist = await app.RegisterAsync(displayName: "Artist");
        var listener = await app.RegisterAsync(displayName: "Listener");
        var doomed = await app.UploadAsync(artist, "Doomed");
        var kept = await app.UploadAsync(artist, "Kept");
        Assert.Equal("ready", await app.WaitFinishedAsync(artist, doomed));
        Assert.Equal("ready", await app.WaitFinishedAsync(artist, kept));
        await app.WaitKnownToPlaylistAsync(doomed);
        await app.WaitKnownToPlaylistAsync(kept);
        foreach (var key in YourDataFixture.MediaKeys(doomed)) Assert.True(await app.ObjectExistsAsync(key), $"{key} should be stored before deletion");

        using var client = app.CreateClient(listener);
        using var created = await client.PostAsJsonAsync("/api/v1/playlists", new { name = "Mixed" });
        var playlistId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var trackId in new[] { doomed, kept, doomed })
            (await client.PostAsJsonAsync($"/api/v1/playlists/{playlistId}/tracks", new { trackId })).EnsureSuccessStatusCode();
        (await client.PutAsync($"/api/v1/me/likes/{doomed}", null)).EnsureSuccessStatusCode();
        (await client.PutAsync($"/api/v1/me/likes/{kept}", null)).EnsureSuccessStatusCode();

        using var owner = app.CreateClient(artist);
        using var deleted = await owner.DeleteAsync($"/api/v1/tracks/{doomed}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/v1/tracks/{doomed}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/tracks/{doomed}/stream")).StatusCode);
        Assert.Equal(0, await app.CountAsync("streaming", "catalogdb", "SELECT count(*) FROM tracks WHERE id = @id", doomed));
        Assert.Equal(0, await app.CountAsync("streaming", "catalogdb", "SELECT count(*) FROM transcode_jobs WHERE track_id = @id", doomed));
        foreach (var key in YourDataFixture.MediaKeys(doomed)) Assert.False(await app.ObjectExistsAsync(key), $"{key} should be removed");
        foreach (var key in YourDataFixture.MediaKeys(kept)) Assert.True(await app.ObjectExistsAsync(key), $"{key} of the other track should stay");

        var events = await KafkaProbe.ReadAsync(app.Kafka.ConnectionString, "track.deleted", m => m.Message.Key == doomed.ToString(), 1, TimeSpan.FromSeconds(20));
        var @event = Assert.Single(events);
        Assert.Equal(artist.UserId, KafkaProbe.Json(@event).GetProperty("ownerId").GetGuid());

        await Eventually.TrueAsync(async () =>
            await app.CountAsync("playlist", "playlistdb", "SELECT count(*) FROM tracks WHERE id = @id", doomed) == 0,
            TimeSpan.FromSeconds(30), "playlist should drop the track from its read model");
        var playlist = await client.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlistId}");
        var entry = Assert.Single(playlist.GetProperty("tracks").EnumerateArray());
        Assert.Equal(kept, entry.GetProperty("trackId").GetGuid());
        Assert.Equal(0, entry.GetProperty("position").GetInt32());
        var likes = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/likes");
        Assert.Equal([kept], likes.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
        Assert.Equal(0, await app.CountAsync("playlist", "playlistdb", "SELECT count(*) FROM likes WHERE track_id = @id", doomed));
    }

    [Fact]
    public async Task Only_the_uploader_or_an_admin_may_delete_and_bad_requests_delete_nothing()
    {
        var artist = await app.RegisterAsync(displayName: "Artist");
        var stranger = await app.RegisterAsync(displayName: "Stranger");
        // Not audio: the track ends failed without transcoded files, which the deletion must cope with.
        var trackId = await app.UploadAsync(artist, "Not audio", garbage: System.Security.Cryptography.RandomNumberGenerator.GetBytes(64 * 1024));
        Assert.Equal("failed", await app.WaitFinishedAsync(artist, trackId));
        var original = YourDataFixture.MediaKeys(trackId)[0];

        using (var other = app.CreateClient(stranger))
            Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/tracks/{trackId}")).StatusCode);
        using (var anonymous = app.CreateClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/v1/tracks/{trackId}")).StatusCode);
        using (var owner = app.CreateClient(artist))
        {
            using var malformed = await owner.DeleteAsync("/api/v1/tracks/not-a-guid");
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync($"/api/v1/tracks/{Guid.NewGuid()}")).StatusCode);
        }
        Assert.Equal(1, await app.CountAsync("streaming", "catalogdb", "SELECT count(*) FROM tracks WHERE id = @id", trackId));
        Assert.True(await app.ObjectExistsAsync(original));

        var admin = await app.RegisterAdminAsync();
        using var asAdmin = app.CreateClient(admin);
        Assert.Equal(HttpStatusCode.NoContent, (await asAdmin.DeleteAsync($"/api/v1/tracks/{trackId}")).StatusCode);
        Assert.Equal(0, await app.CountAsync("streaming", "catalogdb", "SELECT count(*) FROM tracks WHERE id = @id", trackId));
        Assert.False(await app.ObjectExistsAsync(original));
        using var owner2 = app.CreateClient(artist);
        Assert.Equal(HttpStatusCode.NotFound, (await owner2.GetAsync($"/api/v1/tracks/{trackId}")).StatusCode);
    }
}
