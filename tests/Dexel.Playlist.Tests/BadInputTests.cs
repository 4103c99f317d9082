using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Dexel.Playlist.Tests;

[Collection(PlaylistCollection.Name)]
public sealed class BadInputTests(PlaylistFixture app)
{
    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "POST", "/api/v1/playlists", """{"name": "x", """ },
        { "POST", "/api/v1/playlists", """{"name": 42}""" },
        { "POST", "/api/v1/playlists", """{"name": "x", "isPublic": "yes"}""" },
        { "POST", "/api/v1/playlists", """{"description": "no name"}""" },
        { "POST", "/api/v1/playlists", """{"name": "   "}""" },
        { "POST", "/api/v1/playlists", $$"""{"name": "{{new string('n', 101)}}"}""" },
        { "POST", "/api/v1/playlists", $$"""{"name": "x", "description": "{{new string('d', 1001)}}"}""" },
        { "PATCH", "/api/v1/playlists/{p}", """{}""" },
        { "PATCH", "/api/v1/playlists/{p}", """{"name": ""}""" },
        { "POST", "/api/v1/playlists/{p}/tracks", """{"trackId": "not-a-guid"}""" },
        { "POST", "/api/v1/playlists/{p}/tracks", """{}""" },
        { "POST", "/api/v1/playlists/{p}/tracks", """{"trackId": "{t}", "position": 5}""" },
        { "POST", "/api/v1/playlists/{p}/tracks", """{"trackId": "{t}", "position": -1}""" },
        { "POST", "/api/v1/playlists/{p}/tracks", """{"trackId": "{unknown}"}""" },
        { "PUT", "/api/v1/playlists/{p}/tracks/order", """{"entryIds": []}""" },
        { "PUT", "/api/v1/playlists/{p}/tracks/order", """{"entryIds": "all", "version": 1}""" },
        { "POST", "/api/v1/playlists", """{"name": "nul\u0000name"}""" },
        { "PATCH", "/api/v1/playlists/{p}", """{"description": "nul\u0000description"}""" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_bodies_get_400_problems_and_change_nothing(string method, string path, string body)
    {
        var owner = await app.RegisterAsync();
        var track = await app.PublishTrackAsync();
        var playlist = await app.CreatePlaylistAsync(owner);
        string Fill(string text) => text.Replace("{p}", playlist.Id().ToString()).Replace("{t}", track.ToString()).Replace("{unknown}", Guid.NewGuid().ToString());
        using var client = app.CreateClient(owner);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Fill(path))
        {
            Content = new StringContent(Fill(body), Encoding.UTF8, "application/json"),
        });

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()));
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlist.Id()}");
        Assert.Equal(playlist.Version(), after.Version());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/playlists")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_track_is_refused_with_a_reason()
    {
        var owner = await app.RegisterAsync();
        var playlist = await app.CreatePlaylistAsync(owner);
        using var client = app.CreateClient(owner);
        using var response = await client.PostAsJsonAsync($"/api/v1/playlists/{playlist.Id()}/tracks", new { trackId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reason = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("trackId")[0].GetString();
        Assert.Contains("not finished processing", reason);
    }

    [Fact]
    public async Task Ids_that_are_not_guids_and_bad_paging_are_refused()
    {
        var owner = await app.RegisterAsync();
        var playlist = (await app.CreatePlaylistAsync(owner)).Id();
        using var client = app.CreateClient(owner);
        foreach (var (method, path) in new[]
        {
            ("GET", "/api/v1/playlists/123"), ("PATCH", "/api/v1/playlists/123"), ("DELETE", "/api/v1/playlists/123"),
            ("DELETE", $"/api/v1/playlists/{playlist}/tracks/first"), ("POST", "/api/v1/playlists/123/share"),
            ("PUT", "/api/v1/me/likes/123"), ("DELETE", "/api/v1/me/following/123"), ("GET", "/api/v1/users/123/followers"), ("GET", "/api/v1/users/123"),
            ("GET", "/api/v1/playlists?limit=0"), ("GET", "/api/v1/playlists?offset=-1"), ("GET", "/api/v1/playlists?limit=lots"),
            ("GET", "/api/v1/me/likes?limit=1000"), ("GET", $"/api/v1/playlists/{playlist}?limit=1001"),
        })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task An_offset_near_the_integer_limit_is_refused_not_overflowed()
    {
        var owner = await app.RegisterAsync();
        var playlist = await app.CreatePlaylistAsync(owner);
        using var client = app.CreateClient(owner);

        using var own = await client.GetAsync($"/api/v1/playlists/{playlist.Id()}?offset=2147483000&limit=1000");
        using var list = await client.GetAsync("/api/v1/playlists?offset=2147483000&limit=100");

        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
    }

    [Fact]
    public async Task Removing_a_position_that_holds_nothing_is_400()
    {
        var owner = await app.RegisterAsync();
        var playlist = await app.CreatePlaylistAsync(owner);
        using var client = app.CreateClient(owner);
        using var response = await client.DeleteAsync($"/api/v1/playlists/{playlist.Id()}/tracks/0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_playlist_holds_at_most_ten_thousand_tracks_and_pages_through_them()
    {
        var owner = await app.RegisterAsync();
        var track = await app.PublishTrackAsync();
        var playlist = await app.CreatePlaylistAsync(owner);
        await using (var connection = new NpgsqlConnection(app.ConnectionStringOf("playlist", "playlistdb")))
        {
            // Filling 10,000 entries through the API would take minutes; the limit is what is tested here.
            await connection.OpenAsync();
            await using var fill = new NpgsqlCommand("""
                INSERT INTO playlist_entries (id, playlist_id, track_id, position, added_at)
                SELECT gen_random_uuid(), @id, @track, n, now() FROM generate_series(0, 9998) AS n
                """, connection);
            fill.Parameters.AddWithValue("id", playlist.Id());
            fill.Parameters.AddWithValue("track", track);
            await fill.ExecuteNonQueryAsync();
        }
        using var client = app.CreateClient(owner);

        using (var last = await client.PostAsJsonAsync($"/api/v1/playlists/{playlist.Id()}/tracks", new { trackId = track }))
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        using (var over = await client.PostAsJsonAsync($"/api/v1/playlists/{playlist.Id()}/tracks", new { trackId = track }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
            Assert.Contains("10000", await over.Content.ReadAsStringAsync());
        }

        var first = await client.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlist.Id()}");
        Assert.Equal(10_000, first.GetProperty("trackCount").GetInt32());
        Assert.Equal(1000, first.Tracks().Count);
        Assert.Equal(1000, first.GetProperty("nextOffset").GetInt32());
        var tail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlist.Id()}?offset=9990&limit=50");
        Assert.Equal(Enumerable.Range(9990, 10), tail.Tracks().Select(t => t.GetProperty("position").GetInt32()));
        Assert.Equal(JsonValueKind.Null, tail.GetProperty("nextOffset").ValueKind);

        // A full page-by-page read and a reversal of all 10,000 entries work at the limit.
        var entries = new List<Guid>();
        for (int? offset = 0; offset is not null;)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlist.Id()}?offset={offset}");
            entries.AddRange(page.EntryIds());
            offset = page.GetProperty("nextOffset").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextOffset").GetInt32();
        }
        entries.Reverse();
        using var reversed = await client.PutAsJsonAsync($"/api/v1/playlists/{playlist.Id()}/tracks/order", new { entryIds = entries, version = first.Version() });
        Assert.Equal(HttpStatusCode.OK, reversed.StatusCode);
        Assert.Equal(entries.Take(1000), (await reversed.Content.ReadFromJsonAsync<JsonElement>()).EntryIds());
    }
}
