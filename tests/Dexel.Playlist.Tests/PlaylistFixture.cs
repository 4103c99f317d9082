using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dexel.EventBus.IntegrationEvents;
using Npgsql;

namespace Dexel.Playlist.Tests;

[CollectionDefinition(Name)]
public sealed class PlaylistCollection : ICollectionFixture<PlaylistFixture>
{
    // One set of services for every class; the catch-up test stops playlist, so classes take turns.
    public const string Name = "playlist";
}

/// <summary>Gateway, auth and playlist. Tracks arrive as streaming would send them: track.published on Kafka.</summary>
public sealed class PlaylistFixture : DexelAppFixture
{
    protected override IReadOnlyList<string> ServicesToStart => ["auth", "playlist", "gateway"];

    /// <summary>Publishes a track and waits until the playlist service has it in its read model.</summary>
    public async Task<Guid> PublishTrackAsync(string title = "Song", string artist = "Artist")
    {
        var id = await PublishTrackUncheckedAsync(title, artist);
        await WaitKnownAsync("tracks", id);
        return id;
    }

    public async Task<Guid> PublishTrackUncheckedAsync(string title = "Song", string artist = "Artist")
    {
        var id = Guid.CreateVersion7();
        await UpstreamEvents.PublishAsync(Kafka.ConnectionString,
            new TrackPublished(id, Guid.NewGuid(), title, artist, "Album", "jazz", 180_000, [64, 128, 256]));
        return id;
    }

    /// <summary>Registers through auth and waits until playlist has heard user.registered.</summary>
    public async Task<Session> RegisterKnownAsync(string displayName = "Listener")
    {
        var session = await RegisterAsync(displayName: displayName);
        await WaitKnownAsync("users", session.UserId);
        return session;
    }

    public async Task<JsonElement> CreatePlaylistAsync(Session owner, string name = "Mix", bool isPublic = false)
    {
        using var client = CreateClient(owner);
        using var response = await client.PostAsJsonAsync("/api/v1/playlists", new { name, isPublic });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Adds the tracks one by one and returns the playlist as the last add answered.</summary>
    public async Task<JsonElement> AddTracksAsync(Session owner, Guid playlistId, IEnumerable<Guid> tracks)
    {
        using var client = CreateClient(owner);
        JsonElement playlist = default;
        foreach (var track in tracks)
        {
            using var response = await client.PostAsJsonAsync($"/api/v1/playlists/{playlistId}/tracks", new { trackId = track });
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            playlist = await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        return playlist;
    }

    public async Task<long> CountAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringOf("playlist", "playlistdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task WaitKnownAsync(string table, Guid id, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(async () => await CountAsync($"SELECT count(*) FROM {table} WHERE id = @id", id) == 1,
            timeout ?? TimeSpan.FromSeconds(30), $"playlist should learn of {table} {id} from Kafka");
}

public static class PlaylistJson
{
    public static Guid Id(this JsonElement playlist) => playlist.GetProperty("id").GetGuid();

    public static int Version(this JsonElement playlist) => playlist.GetProperty("version").GetInt32();

    public static List<JsonElement> Tracks(this JsonElement playlist) => [.. playlist.GetProperty("tracks").EnumerateArray()];

    public static List<Guid> EntryIds(this JsonElement playlist) => playlist.Tracks().Select(t => t.GetProperty("entryId").GetGuid()).ToList();
}
