using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Dexel.Playlist.Tests;

[Collection(PlaylistCollection.Name)]
public sealed class EditingTests(PlaylistFixture app)
{
    [Fact]
    public async Task A_new_playlist_has_the_documented_shape()
    {
        var owner = await app.RegisterAsync();
        using var client = app.CreateClient(owner);
        using var response = await client.PostAsJsonAsync("/api/v1/playlists", new { name = "  Workout  ", description = "Fast ones", isPublic = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var playlist = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/v1/playlists/{playlist.Id()}", response.Headers.Location!.OriginalString);
        Assert.Equal("Workout", playlist.GetProperty("name").GetString());
        Assert.Equal("Fast ones", playlist.GetProperty("description").GetString());
        Assert.True(playlist.GetProperty("isPublic").GetBoolean());
        Assert.Equal(owner.UserId, playlist.GetProperty("ownerId").GetGuid());
        Assert.Empty(playlist.Tracks());
    }

    [Fact]
    public async Task Entries_carry_title_and_artist_and_can_be_inserted_and_removed_by_position()
    {
        var owner = await app.RegisterAsync();
        var a = await app.PublishTrackAsync("Alpha", "Ann");
        var b = await app.PublishTrackAsync("Beta", "Bob");
        var c = await app.PublishTrackAsync("Gamma", "Cy");
        var id = (await app.CreatePlaylistAsync(owner)).Id();
        await app.AddTracksAsync(owner, id, [a, c]);
        using var client = app.CreateClient(owner);

        using (var insert = await client.PostAsJsonAsync($"/api/v1/playlists/{id}/tracks", new { trackId = b, position = 1 }))
        {
            var playlist = await insert.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(["Alpha", "Beta", "Gamma"], playlist.Tracks().Select(t => t.GetProperty("title").GetString()));
            Assert.Equal(["Ann", "Bob", "Cy"], playlist.Tracks().Select(t => t.GetProperty("artist").GetString()));
            Assert.Equal([0, 1, 2], playlist.Tracks().Select(t => t.GetProperty("position").GetInt32()));
        }

        using var removed = await client.DeleteAsync($"/api/v1/playlists/{id}/tracks/0");
        var after = await removed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([b, c], after.Tracks().Select(t => t.GetProperty("trackId").GetGuid()));
        Assert.Equal([0, 1], after.Tracks().Select(t => t.GetProperty("position").GetInt32()));
    }

    [Fact]
    public async Task Concurrent_adds_from_two_clients_all_land_exactly_once()
    {
        var owner = await app.RegisterAsync();
        var tracks = new List<Guid>();
        for (var i = 0; i < 5; i++) tracks.Add(await app.PublishTrackAsync($"Track {i}"));
        var id = (await app.CreatePlaylistAsync(owner)).Id();
        using var phone = app.CreateClient(owner);
        using var laptop = app.CreateClient(owner);

        var adds = Enumerable.Range(0, 20).Select(async i =>
        {
            var client = i % 2 == 0 ? phone : laptop;
            using var response = await client.PostAsJsonAsync($"/api/v1/playlists/{id}/tracks", new { trackId = tracks[i % 5] });
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        });
        await Task.WhenAll(adds);

        var playlist = await phone.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{id}");
        Assert.Equal(20, playlist.Tracks().Count);
        Assert.Equal(20, playlist.EntryIds().Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 20), playlist.Tracks().Select(t => t.GetProperty("position").GetInt32()));
        Assert.All(tracks, track => Assert.Equal(4, playlist.Tracks().Count(t => t.GetProperty("trackId").GetGuid() == track)));
        Assert.Equal(20, await app.CountAsync("SELECT count(*) FROM playlist_entries WHERE playlist_id = @id", id));
    }

    [Fact]
    public async Task Concurrent_adds_and_removes_neither_lose_nor_double_an_entry()
    {
        var owner = await app.RegisterAsync();
        var playlist = await NewPlaylistWithTracksAsync(owner, 10);
        var original = playlist.EntryIds();
        var track = await app.PublishTrackAsync("Added meanwhile");
        using var phone = app.CreateClient(owner);
        using var laptop = app.CreateClient(owner);

        var edits = Enumerable.Range(0, 16).Select(async i =>
        {
            using var response = i % 2 == 0
                ? await phone.PostAsJsonAsync($"/api/v1/playlists/{playlist.Id()}/tracks", new { trackId = track })
                : await laptop.DeleteAsync($"/api/v1/playlists/{playlist.Id()}/tracks/0");
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        });
        await Task.WhenAll(edits);

        // Adds append and removes take the first entry, so whatever the interleaving the first 8
        // originals are gone and the last 2 are followed by the 8 new entries.
        var stored = await phone.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlist.Id()}");
        Assert.Equal(original.Skip(8), stored.EntryIds().Take(2));
        Assert.All(stored.Tracks().Skip(2), t => Assert.Equal(track, t.GetProperty("trackId").GetGuid()));
        Assert.Equal(10, stored.EntryIds().Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 10), stored.Tracks().Select(t => t.GetProperty("position").GetInt32()));
        Assert.Equal(playlist.Version() + 16, stored.Version());
    }

    [Fact]
    public async Task Of_two_reorders_based_on_the_same_version_one_wins_and_the_other_gets_409()
    {
        var owner = await app.RegisterAsync();
        var playlist = await NewPlaylistWithTracksAsync(owner, 6);
        var entries = playlist.EntryIds();
        using var phone = app.CreateClient(owner);
        using var laptop = app.CreateClient(owner);

        var reversed = Enumerable.Reverse(entries).ToList();
        var rotated = entries.Skip(1).Append(entries[0]).ToList();
        var answers = await Task.WhenAll(
            phone.PutAsJsonAsync($"/api/v1/playlists/{playlist.Id()}/tracks/order", new { entryIds = reversed, version = playlist.Version() }),
            laptop.PutAsJsonAsync($"/api/v1/playlists/{playlist.Id()}/tracks/order", new { entryIds = rotated, version = playlist.Version() }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var loser = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
        var winnerOrder = answers[0].StatusCode == HttpStatusCode.OK ? reversed : rotated;
        var stored = await phone.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlist.Id()}");
        Assert.Equal(winnerOrder, stored.EntryIds());
        Assert.Equal(playlist.Version() + 1, stored.Version());
        foreach (var answer in answers) answer.Dispose();
    }

    [Fact]
    public async Task A_reorder_based_on_a_version_older_than_an_add_is_stale()
    {
        var owner = await app.RegisterAsync();
        var playlist = await NewPlaylistWithTracksAsync(owner, 3);
        await app.AddTracksAsync(owner, playlist.Id(), [await app.PublishTrackAsync()]);
        using var client = app.CreateClient(owner);

        using var stale = await client.PutAsJsonAsync($"/api/v1/playlists/{playlist.Id()}/tracks/order",
            new { entryIds = Enumerable.Reverse(playlist.EntryIds()), version = playlist.Version() });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(4, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlist.Id()}")).Tracks().Count);
    }

    [Fact]
    public async Task A_reorder_keeps_every_entry_exactly_once()
    {
        var owner = await app.RegisterAsync();
        var playlist = await NewPlaylistWithTracksAsync(owner, 8);
        var shuffled = playlist.EntryIds().OrderBy(_ => Random.Shared.Next()).ToList();
        using var client = app.CreateClient(owner);

        using var response = await client.PutAsJsonAsync($"/api/v1/playlists/{playlist.Id()}/tracks/order", new { entryIds = shuffled, version = playlist.Version() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reordered = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(shuffled, reordered.EntryIds());
        Assert.Equal(Enumerable.Range(0, 8), reordered.Tracks().Select(t => t.GetProperty("position").GetInt32()));
        // Each entry still points at its own track.
        var before = playlist.Tracks().ToDictionary(t => t.GetProperty("entryId").GetGuid(), t => t.GetProperty("trackId").GetGuid());
        Assert.All(reordered.Tracks(), t => Assert.Equal(before[t.GetProperty("entryId").GetGuid()], t.GetProperty("trackId").GetGuid()));
    }

    [Fact]
    public async Task A_reorder_that_is_not_a_permutation_is_refused_and_changes_nothing()
    {
        var owner = await app.RegisterAsync();
        var playlist = await NewPlaylistWithTracksAsync(owner, 3);
        var e = playlist.EntryIds();
        using var client = app.CreateClient(owner);

        foreach (var order in new List<Guid>[] { [e[0], e[1]], [e[0], e[1], e[1]], [e[0], e[1], Guid.NewGuid()], [e[0], e[1], e[2], e[2]] })
        {
            using var response = await client.PutAsJsonAsync($"/api/v1/playlists/{playlist.Id()}/tracks/order", new { entryIds = order, version = playlist.Version() });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("entryIds", out _));
        }
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlist.Id()}");
        Assert.Equal(e, stored.EntryIds());
        Assert.Equal(playlist.Version(), stored.Version());
    }

    [Fact]
    public async Task If_match_makes_any_change_conditional()
    {
        var owner = await app.RegisterAsync();
        var playlist = await app.CreatePlaylistAsync(owner);
        using var client = app.CreateClient(owner);
        using var get = await client.GetAsync($"/api/v1/playlists/{playlist.Id()}");
        var etag = get.Headers.ETag!;

        using var first = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/playlists/{playlist.Id()}") { Content = JsonContent.Create(new { name = "One" }) };
        first.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(first)).StatusCode);
        using var second = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/playlists/{playlist.Id()}") { Content = JsonContent.Create(new { name = "Two" }) };
        second.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(second)).StatusCode);
        Assert.Equal("One", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/playlists/{playlist.Id()}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_deleted_playlist_is_gone_with_its_entries()
    {
        var owner = await app.RegisterAsync();
        var playlist = await NewPlaylistWithTracksAsync(owner, 2);
        using var client = app.CreateClient(owner);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/playlists/{playlist.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/playlists/{playlist.Id()}")).StatusCode);
        Assert.Equal(0, await app.CountAsync("SELECT count(*) FROM playlist_entries WHERE playlist_id = @id", playlist.Id()));
    }

    [Fact]
    public async Task The_database_itself_refuses_two_entries_at_one_position()
    {
        var owner = await app.RegisterAsync();
        var playlist = await NewPlaylistWithTracksAsync(owner, 1);
        await using var connection = new NpgsqlConnection(app.ConnectionStringOf("playlist", "playlistdb"));
        await connection.OpenAsync();
        await using var duplicate = new NpgsqlCommand("""
            INSERT INTO playlist_entries (id, playlist_id, track_id, position, added_at)
            SELECT gen_random_uuid(), playlist_id, track_id, position, now() FROM playlist_entries WHERE playlist_id = @id
            """, connection);
        duplicate.Parameters.AddWithValue("id", playlist.Id());

        var refused = await Assert.ThrowsAsync<PostgresException>(() => duplicate.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
    }

    private async Task<JsonElement> NewPlaylistWithTracksAsync(Session owner, int count)
    {
        var tracks = new List<Guid>();
        for (var i = 0; i < count; i++) tracks.Add(await app.PublishTrackUncheckedAsync($"Track {i}"));
        foreach (var track in tracks) await app.WaitKnownAsync("tracks", track);
        return await app.AddTracksAsync(owner, (await app.CreatePlaylistAsync(owner)).Id(), tracks);
    }
}
