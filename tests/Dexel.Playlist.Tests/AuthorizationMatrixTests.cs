using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Playlist.Tests;

/// <summary>Every playlist route, as the owner, another user and nobody, on a private and a public playlist.</summary>
[Collection(PlaylistCollection.Name)]
public sealed class AuthorizationMatrixTests(PlaylistFixture app)
{
    public enum Actor { Owner, Other, Anonymous }

    // {p} is the playlist, {t} a known track, {s} a share token of the playlist, {u} the owner.
    private static readonly (string Method, string Path, string? Body)[] Routes =
    [
        ("GET", "/api/v1/playlists/{p}", null),
        ("PATCH", "/api/v1/playlists/{p}", """{"description":"changed"}"""),
        ("POST", "/api/v1/playlists/{p}/tracks", """{"trackId":"{t}"}"""),
        ("DELETE", "/api/v1/playlists/{p}/tracks/0", null),
        ("PUT", "/api/v1/playlists/{p}/tracks/order", """{"entryIds":["{e}"],"version":{v}}"""),
        ("POST", "/api/v1/playlists/{p}/share", null),
        ("DELETE", "/api/v1/playlists/{p}/share/{s}", null),
        ("DELETE", "/api/v1/playlists/{p}", null),
    ];

    public static TheoryData<Actor, bool, int> Cases => new()
    {
        { Actor.Owner, false, 0 }, { Actor.Owner, true, 0 },
        { Actor.Other, false, 404 }, { Actor.Other, true, 403 },
        { Actor.Anonymous, false, 401 }, { Actor.Anonymous, true, 401 },
    };

    /// <param name="denied">0 when every route should succeed; else the status of every route but a public GET.</param>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Only_the_owner_changes_a_playlist_and_a_private_one_is_invisible_to_others(Actor actor, bool isPublic, int denied)
    {
        var owner = await app.RegisterAsync();
        var other = await app.RegisterAsync();
        var track = await app.PublishTrackAsync();

        foreach (var (method, template, bodyTemplate) in Routes)
        {
            // A fresh playlist per route, with one entry and one share link, so every route has something to act on.
            var playlist = await app.AddTracksAsync(owner, (await app.CreatePlaylistAsync(owner, isPublic: isPublic)).Id(), [track]);
            string token;
            using (var ownerClient = app.CreateClient(owner))
            using (var share = await ownerClient.PostAsync($"/api/v1/playlists/{playlist.Id()}/share", null))
                token = (await share.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            string Fill(string text) => text.Replace("{p}", playlist.Id().ToString()).Replace("{t}", track.ToString())
                .Replace("{s}", token).Replace("{e}", playlist.EntryIds()[0].ToString()).Replace("{v}", playlist.Version().ToString());

            using var client = actor switch
            {
                Actor.Owner => app.CreateClient(owner),
                Actor.Other => app.CreateClient(other),
                _ => app.CreateClient(),
            };
            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(template));
            if (bodyTemplate is not null) request.Content = new StringContent(Fill(bodyTemplate), System.Text.Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);

            var expected = denied == 0 || (denied == 403 && method == "GET") ? Success(method, template) : denied;
            Assert.True((int)response.StatusCode == expected,
                $"{actor} {method} {template} on a {(isPublic ? "public" : "private")} playlist: {(int)response.StatusCode}, expected {expected}");
            if (expected >= 400 && expected != 401)
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

            // Whatever the answer, nobody but the owner changed anything.
            if (actor != Actor.Owner)
            {
                using var ownerClient = app.CreateClient(owner);
                var after = await ownerClient.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlist.Id()}");
                Assert.Equal(playlist.Version(), after.Version());
            }
        }
    }

    [Fact]
    public async Task Lists_likes_and_follows_need_a_signed_in_user()
    {
        using var anonymous = app.CreateClient();
        foreach (var (method, path) in new[]
        {
            ("GET", "/api/v1/playlists"), ("POST", "/api/v1/playlists"), ("GET", "/api/v1/me/likes"),
            ("PUT", $"/api/v1/me/likes/{Guid.NewGuid()}"), ("DELETE", $"/api/v1/me/likes/{Guid.NewGuid()}"),
            ("PUT", $"/api/v1/me/following/{Guid.NewGuid()}"), ("DELETE", $"/api/v1/me/following/{Guid.NewGuid()}"),
            ("GET", $"/api/v1/users/{Guid.NewGuid()}"), ("GET", $"/api/v1/users/{Guid.NewGuid()}/followers"), ("GET", $"/api/v1/users/{Guid.NewGuid()}/following"),
        })
        {
            using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_owner_is_the_token_s_user_whatever_the_body_says()
    {
        var owner = await app.RegisterAsync();
        var other = await app.RegisterAsync();
        using var client = app.CreateClient(owner);

        using var response = await client.PostAsJsonAsync("/api/v1/playlists", new { name = "Mine", ownerId = other.UserId });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(owner.UserId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ownerId").GetGuid());
        using var otherClient = app.CreateClient(other);
        Assert.Empty((await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/playlists")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task My_playlists_are_only_mine()
    {
        var owner = await app.RegisterAsync();
        var other = await app.RegisterAsync();
        var mine = (await app.CreatePlaylistAsync(owner, "Mine", isPublic: true)).Id();
        await app.CreatePlaylistAsync(other, "Theirs", isPublic: true);

        using var client = app.CreateClient(owner);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/playlists");
        var ids = list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([mine], ids);
    }

    private static int Success(string method, string template) => (method, template) switch
    {
        ("POST", var t) when t.EndsWith("/share") => 201,
        ("DELETE", var t) when t.EndsWith("/share/{s}") || t == "/api/v1/playlists/{p}" => 204,
        _ => 200,
    };
}
