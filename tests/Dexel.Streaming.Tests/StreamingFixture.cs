using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dexel.Testing;
using Npgsql;

namespace Dexel.Streaming.Tests;

[CollectionDefinition(Name)]
public sealed class StreamingCollection : ICollectionFixture<StreamingFixture>
{
    // One set of services for every class: starting three services per class would cost more
    // than the tests, and the restart test must not pull streaming away from a parallel class.
    public const string Name = "streaming";
}

/// <summary>Gateway, auth and streaming, with a known signing key and a short job lease.</summary>
public class StreamingFixture : DexelAppFixture
{
    public const long MaxUploadBytes = 8L * 1024 * 1024;

    public string SigningKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    public TestAudio Audio { get; } = new();

    private readonly Lock _sampleGate = new();
    private Task<MediaSample>? _sample;

    /// <summary>The track media tests share: uploaded and transcoded once, on first use.</summary>
    public Task<MediaSample> SampleAsync()
    {
        lock (_sampleGate) return _sample ??= MediaSample.UploadAsync(this);
    }

    protected override IReadOnlyList<string> ServicesToStart => ["auth", "streaming", "gateway"];

    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        if (service == "gateway") environment["Media__SigningKey"] = SigningKey;
        if (service != "streaming") return;
        environment["Streaming__SigningKey"] = SigningKey;
        environment["Streaming__MaxUploadBytes"] = MaxUploadBytes.ToString();
        // A job abandoned by a killed process is taken over after this lease.
        environment["Streaming__Transcoding__LeaseSeconds"] = "6";
        environment["Streaming__Transcoding__RetryBaseSeconds"] = "1";
        environment["Streaming__Transcoding__PollMilliseconds"] = "250";
    }

    public override async ValueTask DisposeAsync()
    {
        Audio.Dispose();
        await base.DisposeAsync();
    }

    public static MultipartFormDataContent UploadForm(string path, string contentType, string title, string artist = "Test Artist", string? album = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(title), "title" },
            { new StringContent(artist), "artist" },
        };
        if (album is not null) form.Add(new StringContent(album), "album");
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", Path.GetFileName(path));
        return form;
    }

    /// <summary>Uploads through the gateway and returns the new track's id (asserting 202).</summary>
    public async Task<Guid> UploadAsync(Session listener, string path, string contentType, string title, string artist = "Test Artist", string? album = null)
    {
        using var client = CreateClient(listener);
        using var form = UploadForm(path, contentType, title, artist, album);
        using var response = await client.PostAsync("/api/v1/tracks", form);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("processing", body.GetProperty("status").GetString());
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>Polls the track until it leaves "processing".</summary>
    public async Task<JsonElement> WaitFinishedAsync(Session listener, Guid trackId, TimeSpan? timeout = null)
    {
        using var client = CreateClient(listener);
        JsonElement track = default;
        await Eventually.TrueAsync(async () =>
        {
            track = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}");
            return track.GetProperty("status").GetString() != "processing";
        }, timeout ?? TimeSpan.FromSeconds(90), $"track {trackId} should finish processing", TimeSpan.FromSeconds(1));
        return track;
    }

    public async Task<T?> QueryCatalogAsync<T>(string sql, Guid trackId)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringOf("streaming", "catalogdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", trackId);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}
