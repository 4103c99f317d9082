using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Platform.Tests.YourData;

[Collection(YourDataCollection.Name)]
public sealed class AccountDeletionTests(YourDataFixture app)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_wrong_or_missing_password_deletes_nothing()
    {
        var user = await app.RegisterAsync();
        using var client = app.CreateClient(user);

        using var wrong = await SendDeleteAsync(client, new { password = "not my password" });
        using var missing = await SendDeleteAsync(client, new { });
        using var anonymous = await SendDeleteAsync(app.CreateClient(), new { password = Password });

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal(1, await app.CountAsync("auth", "authdb", "SELECT count(*) FROM users WHERE id = @id", user.UserId));
        Assert.True(await app.SessionExistsAsync(user.AccessToken));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_are_throttled_so_a_stolen_token_cannot_guess_the_password()
    {
        var user = await app.RegisterAsync();
        using var client = app.CreateClient(user);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Forbidden, (await SendDeleteAsync(client, new { password = $"guess {i}" })).StatusCode);

        using var throttled = await SendDeleteAsync(client, new { password = Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Equal(1, await app.CountAsync("auth", "authdb", "SELECT count(*) FROM users WHERE id = @id", user.UserId));
    }

    [Fact]
    public async Task Deleting_an_account_ends_its_sessions_and_removes_everything_it_owns_in_every_service()
    {
        var user = await app.RegisterAsync(displayName: "Leaving");
        var friend = await app.RegisterAsync(displayName: "Friend");
        var fan = await app.RegisterAsync(displayName: "Fan");
        await app.WaitUserKnownToPlaylistAsync(user.UserId);
        await app.WaitUserKnownToPlaylistAsync(friend.UserId);
        var trackId = await app.UploadAsync(user, "Leaving song");
        Assert.Equal("ready", await app.WaitFinishedAsync(user, trackId));
        await app.WaitKnownToPlaylistAsync(trackId);

        using var client = app.CreateClient(user);
        var ownPlaylist = await CreatePlaylistAsync(client, "Mine", trackId);
        (await client.PutAsync($"/api/v1/me/likes/{trackId}", null)).EnsureSuccessStatusCode();
        (await client.PutAsync($"/api/v1/me/following/{friend.UserId}", null)).EnsureSuccessStatusCode();
        using var fanClient = app.CreateClient(fan);
        var fansPlaylist = await CreatePlaylistAsync(fanClient, "Fan's", trackId);
        (await fanClient.PutAsync($"/api/v1/me/likes/{trackId}", null)).EnsureSuccessStatusCode();
        (await fanClient.PutAsync($"/api/v1/me/following/{user.UserId}", null)).EnsureSuccessStatusCode();
        var otherDevice = await app.LoginAsync(user.Email);

        using var deleted = await SendDeleteAsync(client, new { password = Password });
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        // Sessions end in Redis before the answer, so the gateway refuses both tokens within its
        // 4-second session cache, although their signatures stay valid for 15 minutes.
        Assert.False(await app.SessionExistsAsync(user.AccessToken));
        Assert.False(await app.SessionExistsAsync(otherDevice.AccessToken));
        foreach (var session in new[] { user, otherDevice })
        {
            using var stale = app.CreateClient(session);
            await Eventually.TrueAsync(async () => (await stale.GetAsync("/api/v1/playlists")).StatusCode == HttpStatusCode.Unauthorized,
                TimeSpan.FromSeconds(6), "the gateway should refuse a deleted account's token");
        }
        // Called directly, inside the cluster, each service refuses the token too (its own session check).
        foreach (var (service, path) in new[] { ("auth", "/api/v1/users/me"), ("playlist", "/api/v1/playlists"), ("streaming", "/api/v1/tracks") })
        {
            using var direct = app.CreateClient(service);
            direct.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.AccessToken);
            await Eventually.TrueAsync(async () => (await direct.GetAsync(path)).StatusCode == HttpStatusCode.Unauthorized,
                TimeSpan.FromSeconds(6), $"{service} should refuse a deleted account's token");
        }
        using (var anonymous = app.CreateClient())
        {
            using var refresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = otherDevice.RefreshToken });
            using var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = Password });
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        }
        Assert.Equal(0, await app.CountAsync("auth", "authdb", "SELECT count(*) FROM users WHERE id = @id", user.UserId));
        Assert.Equal(0, await app.CountAsync("auth", "authdb", "SELECT count(*) FROM refresh_tokens WHERE user_id = @id", user.UserId));

        var events = await KafkaProbe.ReadAsync(app.Kafka.ConnectionString, "user.deleted", m => m.Message.Key == user.UserId.ToString(), 1, TimeSpan.FromSeconds(20));
        Assert.Single(events);

        // Streaming deletes the uploads (and says so per track); playlist deletes the rest.
        await Eventually.TrueAsync(async () =>
            await app.CountAsync("streaming", "catalogdb", "SELECT count(*) FROM tracks WHERE owner_id = @id", user.UserId) == 0,
            TimeSpan.FromSeconds(30), "streaming should delete the account's uploads");
        foreach (var key in YourDataFixture.MediaKeys(trackId)) Assert.False(await app.ObjectExistsAsync(key), $"{key} should be removed");
        Assert.Single(await KafkaProbe.ReadAsync(app.Kafka.ConnectionString, "track.deleted", m => m.Message.Key == trackId.ToString(), 1, TimeSpan.FromSeconds(20)));

        await Eventually.TrueAsync(async () =>
            await app.CountAsync("playlist", "playlistdb", "SELECT count(*) FROM users WHERE id = @id", user.UserId) == 0
            && await app.CountAsync("playlist", "playlistdb", "SELECT count(*) FROM tracks WHERE id = @id", trackId) == 0,
            TimeSpan.FromSeconds(30), "playlist should forget the account and its track");
        Assert.Equal(0, await app.CountAsync("playlist", "playlistdb", "SELECT count(*) FROM playlists WHERE owner_id = @id", user.UserId));
        Assert.Equal(0, await app.CountAsync("playlist", "playlistdb", "SELECT count(*) FROM playlist_entries WHERE playlist_id = @id", ownPlaylist));
        Assert.Equal(0, await app.CountAsync("playlist", "playlistdb", "SELECT count(*) FROM likes WHERE user_id = @id OR track_id = @id", user.UserId));
        Assert.Equal(0, await app.CountAsync("playlist", "playlistdb", "SELECT count(*) FROM follows WHERE follower_id = @id OR followee_id = @id", user.UserId));
        Assert.Equal(0, await app.CountAsync("playlist", "playlistdb", "SELECT count(*) FROM likes WHERE track_id = @id", trackId));
        Assert.Equal(0, (await fanClient.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{fansPlaylist}")).GetProperty("trackCount").GetInt32());
        // The others' accounts are untouched.
        Assert.Equal(1, await app.CountAsync("playlist", "playlistdb", "SELECT count(*) FROM playlists WHERE id = @id", fansPlaylist));
        Assert.Equal(1, await app.CountAsync("auth", "authdb", "SELECT count(*) FROM users WHERE id = @id", fan.UserId));
    }

    private static async Task<Guid> CreatePlaylistAsync(HttpClient client, string name, Guid trackId)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/playlists", new { name });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await client.PostAsJsonAsync($"/api/v1/playlists/{id}/tracks", new { trackId })).EnsureSuccessStatusCode();
        return id;
    }

    private static Task<HttpResponseMessage> SendDeleteAsync(HttpClient client, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/users/me") { Content = JsonContent.Create(body) });
}
