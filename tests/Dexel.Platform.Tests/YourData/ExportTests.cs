using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Platform.Tests.YourData;

[Collection(YourDataCollection.Name)]
public sealed class ExportTests(YourDataFixture app)
{
    [Fact]
    public async Task The_export_holds_what_the_user_made_and_nothing_of_anyone_else()
    {
        var user = await app.RegisterAsync(displayName: "Exporter");
        var followed = await app.RegisterAsync(displayName: "Followed");
        var follower = await app.RegisterAsync(displayName: "Follower");
        var other = await app.RegisterAsync(displayName: "Someone Else");
        await app.WaitUserKnownToPlaylistAsync(user.UserId);
        await app.WaitUserKnownToPlaylistAsync(followed.UserId);
        var mine = await app.UploadAsync(user, "My upload");
        var theirs = await app.UploadAsync(other, "Their upload");
        Assert.Equal("ready", await app.WaitFinishedAsync(user, mine));
        Assert.Equal("ready", await app.WaitFinishedAsync(other, theirs));
        await app.WaitKnownToPlaylistAsync(mine);
        await app.WaitKnownToPlaylistAsync(theirs);

        using var client = app.CreateClient(user);
        var playlistName = $"Export {Guid.NewGuid():N}";
        using var created = await client.PostAsJsonAsync("/api/v1/playlists", new { name = playlistName, description = "for the export" });
        var playlistId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var trackId in new[] { theirs, mine })
            (await client.PostAsJsonAsync($"/api/v1/playlists/{playlistId}/tracks", new { trackId })).EnsureSuccessStatusCode();
        (await client.PutAsync($"/api/v1/me/likes/{theirs}", null)).EnsureSuccessStatusCode();
        (await client.PutAsync($"/api/v1/me/following/{followed.UserId}", null)).EnsureSuccessStatusCode();
        using (var followerClient = app.CreateClient(follower))
            (await followerClient.PutAsync($"/api/v1/me/following/{user.UserId}", null)).EnsureSuccessStatusCode();
        using var otherClient = app.CreateClient(other);
        var otherPlaylist = $"Private {Guid.NewGuid():N}";
        (await otherClient.PostAsJsonAsync("/api/v1/playlists", new { name = otherPlaylist })).EnsureSuccessStatusCode();
        (await otherClient.PutAsync($"/api/v1/me/likes/{mine}", null)).EnsureSuccessStatusCode();

        (await client.PostAsJsonAsync("/api/v1/voice/commands", new { text = "pause the music" })).EnsureSuccessStatusCode();
        (await otherClient.PostAsJsonAsync("/api/v1/voice/commands", new { text = "play my secret playlist" })).EnsureSuccessStatusCode();

        using var response = await client.GetAsync("/api/v1/users/me/export");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, raw);
        var export = JsonDocument.Parse(raw).RootElement;

        var profile = export.GetProperty("profile");
        Assert.Equal(user.UserId, profile.GetProperty("id").GetGuid());
        Assert.Equal(user.Email, profile.GetProperty("email").GetString());
        Assert.Equal("Exporter", profile.GetProperty("displayName").GetString());
        var playlist = Assert.Single(export.GetProperty("playlists").EnumerateArray());
        Assert.Equal(playlistName, playlist.GetProperty("name").GetString());
        Assert.Equal("for the export", playlist.GetProperty("description").GetString());
        Assert.Equal([theirs, mine], playlist.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("trackId").GetGuid()));
        Assert.Equal("My upload", playlist.GetProperty("tracks")[1].GetProperty("title").GetString());
        Assert.Equal([theirs], export.GetProperty("likes").EnumerateArray().Select(l => l.GetProperty("trackId").GetGuid()));
        Assert.Equal([followed.UserId], export.GetProperty("following").EnumerateArray().Select(f => f.GetProperty("userId").GetGuid()));
        Assert.Equal([follower.UserId], export.GetProperty("followers").EnumerateArray().Select(f => f.GetProperty("userId").GetGuid()));
        var upload = Assert.Single(export.GetProperty("uploads").EnumerateArray());
        Assert.Equal(mine, upload.GetProperty("id").GetGuid());
        Assert.Equal("tone.wav", upload.GetProperty("originalFileName").GetString());
        // The history comes from analytics' GET /api/v1/me/history; this user has played nothing.
        var history = export.GetProperty("listeningHistory");
        Assert.Equal("complete", history.GetProperty("status").GetString());
        Assert.Empty(history.GetProperty("items").EnumerateArray());
        var command = Assert.Single(export.GetProperty("voiceCommands").EnumerateArray());
        Assert.Equal("pause the music", command.GetProperty("transcript").GetString());
        Assert.Equal("Pause", command.GetProperty("intent").GetString());

        Assert.DoesNotContain(other.Email, raw);
        Assert.DoesNotContain(other.UserId.ToString(), raw);
        Assert.DoesNotContain(otherPlaylist, raw);
        Assert.DoesNotContain("secret", raw);
        Assert.DoesNotContain("Their upload\",\"artist\":\"Your Data Ensemble\",\"album\"", raw);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_export_needs_a_signed_in_caller()
    {
        using var anonymous = app.CreateClient();
        using var response = await anonymous.GetAsync("/api/v1/users/me/export");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
