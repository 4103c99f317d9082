using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Playlist.Tests;

[Collection(PlaylistCollection.Name)]
public sealed class SharingTests(PlaylistFixture app)
{
    [Fact]
    public async Task A_share_link_opens_a_private_playlist_anonymously_until_revoked()
    {
        var owner = await app.RegisterAsync();
        var track = await app.PublishTrackAsync("Shared song", "Sharer");
        var playlist = await app.AddTracksAsync(owner, (await app.CreatePlaylistAsync(owner, "Secret mix")).Id(), [track]);
        using var client = app.CreateClient(owner);

        using var created = await client.PostAsync($"/api/v1/playlists/{playlist.Id()}/share", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var share = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = share.GetProperty("token").GetString()!;
        Assert.Equal($"/api/v1/shared/{token}", share.GetProperty("url").GetString());
        // Base64url without padding: at least 22 characters carry 128 bits.
        Assert.True(token.Length >= 22 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), token);

        using var anonymous = app.CreateClient();
        var opened = await anonymous.GetFromJsonAsync<JsonElement>(share.GetProperty("url").GetString());
        Assert.Equal("Secret mix", opened.GetProperty("name").GetString());
        Assert.Equal("Shared song", opened.Tracks().Single().GetProperty("title").GetString());

        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/shared/{tampered}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/playlists/{playlist.Id()}/share/{token}")).StatusCode);
        using var revoked = await anonymous.GetAsync($"/api/v1/shared/{token}");
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        Assert.Equal("application/problem+json", revoked.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/playlists/{playlist.Id()}/share/{token}")).StatusCode);
    }

    [Fact]
    public async Task Each_share_is_its_own_link_and_a_token_only_revokes_on_its_playlist()
    {
        var owner = await app.RegisterAsync();
        var first = (await app.CreatePlaylistAsync(owner)).Id();
        var second = (await app.CreatePlaylistAsync(owner)).Id();
        using var client = app.CreateClient(owner);
        var tokenA = await ShareAsync(client, first);
        var tokenB = await ShareAsync(client, first);
        Assert.NotEqual(tokenA, tokenB);

        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/playlists/{second}/share/{tokenA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/playlists/{first}/share/{tokenA}")).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/shared/{tokenA}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/shared/{tokenB}")).StatusCode);
    }

    private static async Task<string> ShareAsync(HttpClient client, Guid playlist)
    {
        using var response = await client.PostAsync($"/api/v1/playlists/{playlist}/share", null);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
