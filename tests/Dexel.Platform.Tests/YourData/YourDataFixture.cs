using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using Npgsql;
using StackExchange.Redis;

namespace Dexel.Platform.Tests.YourData;

[CollectionDefinition(Name)]
public sealed class YourDataCollection : ICollectionFixture<YourDataFixture>
{
    // Deletion, export and the merged document all need every service; one set serves them all.
    public const string Name = "your data";
}

/// <summary>Every service, plus direct views of what they store: databases, objects, sessions, Kafka.</summary>
public sealed class YourDataFixture : DexelAppFixture
{
    private IMinioClient? _objects;
    private ConnectionMultiplexer? _redis;

    protected override IReadOnlyList<string> ServicesToStart => AllServicesFixture.All;

    // These tests poll through the gateway as a handful of users; the budget is not what they test.
    protected override void Configure(string service, IDictionary<string, string> environment) =>
        environment["RateLimiting__FreePerMinute"] = "10000";

    public string Bucket => $"dexel-test-{Suffix}";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var store = ConnectionStringOf("streaming", "objectstore").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        var endpoint = new Uri(store["Endpoint"]);
        _objects = new MinioClient().WithEndpoint(endpoint.Host, endpoint.Port)
            .WithCredentials(store["AccessKey"], store["SecretKey"]).WithSSL(false).Build();
        _redis = await ConnectionMultiplexer.ConnectAsync(ConnectionStringOf("auth", "redis"));
    }

    public override async ValueTask DisposeAsync()
    {
        _objects?.Dispose();
        if (_redis is not null) await _redis.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Uploads a short tone through the gateway as <paramref name="owner"/>; returns the track id.</summary>
    public async Task<Guid> UploadAsync(Session owner, string title, double seconds = 2, byte[]? garbage = null)
    {
        using var client = CreateClient(owner);
        return await ToneUploads.UploadAsync(client, title, "Your Data Ensemble", seconds, garbage: garbage);
    }

    public async Task<string> WaitFinishedAsync(Session owner, Guid trackId)
    {
        using var client = CreateClient(owner);
        var status = "processing";
        await Eventually.TrueAsync(async () =>
        {
            status = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}")).GetProperty("status").GetString()!;
            return status != "processing";
        }, TimeSpan.FromSeconds(90), $"track {trackId} should finish processing", TimeSpan.FromSeconds(1));
        return status;
    }

    /// <summary>Waits until playlist's read model has the track (from track.published), so it can be added and liked.</summary>
    public Task WaitKnownToPlaylistAsync(Guid trackId) =>
        Eventually.TrueAsync(async () => await CountAsync("playlist", "playlistdb", "SELECT count(*) FROM tracks WHERE id = @id", trackId) == 1,
            TimeSpan.FromSeconds(30), "playlist should learn of the track from track.published");

    public Task WaitUserKnownToPlaylistAsync(Guid userId) =>
        Eventually.TrueAsync(async () => await CountAsync("playlist", "playlistdb", "SELECT count(*) FROM users WHERE id = @id", userId) == 1,
            TimeSpan.FromSeconds(30), "playlist should learn of the user from user.registered");

    /// <summary>A scalar count from a service's database; the query names the id as @id.</summary>
    public async Task<long> CountAsync(string service, string database, string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringOf(service, database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task<bool> ObjectExistsAsync(string key)
    {
        try
        {
            await _objects!.StatObjectAsync(new StatObjectArgs().WithBucket(Bucket).WithObject(key));
            return true;
        }
        catch (ObjectNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The object keys streaming keeps for a transcoded track (see MediaFiles).</summary>
    public static string[] MediaKeys(Guid trackId) =>
    [
        $"tracks/{trackId:N}/original",
        $"tracks/{trackId:N}/media/master.m3u8",
        $"tracks/{trackId:N}/media/manifest.mpd",
        .. Enumerable.Range(0, 3).SelectMany(r => (string[])[
            $"tracks/{trackId:N}/media/media_{r}.m3u8",
            $"tracks/{trackId:N}/media/init-{r}.m4s",
            $"tracks/{trackId:N}/media/chunk-{r}-00001.m4s"]),
    ];

    public async Task<bool> SessionExistsAsync(string accessToken) =>
        await _redis!.GetDatabase().KeyExistsAsync($"session:{Claim(accessToken, "sid")}");

    public static string Claim(string accessToken, string name)
    {
        var payload = accessToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.GetProperty(name).GetString()!;
    }

    /// <summary>Signs in again (a second session), as another device would.</summary>
    public async Task<Session> LoginAsync(string email)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct horse battery" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ReadSessionAsync(response, email);
    }
}
