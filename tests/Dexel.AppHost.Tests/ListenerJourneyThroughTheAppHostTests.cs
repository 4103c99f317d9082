using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.AppHost.Tests;

/// <summary>
/// The AppHost's wiring end to end: with every resource healthy, a listener registers, uploads a
/// track, finds and plays it, and puts it in a playlist, which learns of it from Kafka.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ListenerJourneyThroughTheAppHostTests(DexelAppHostFixture appHost, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_service_and_server_is_healthy()
    {
        output.WriteLine($"AppHost healthy after {appHost.StartTime.TotalSeconds:0.0} s: {string.Join(", ", appHost.HealthyResources)}");
        Assert.Equal(["analytics", "auth", "clickhouse-server", "gateway", "kafka", "minio", "playlist", "postgres", "redis", "streaming", "voice"],
            appHost.HealthyResources.Order());
        using var gateway = appHost.CreateGatewayClient();
        using var health = await gateway.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_listener_uploads_finds_plays_and_keeps_a_track()
    {
        using var anonymous = appHost.CreateGatewayClient();
        var listener = await Listener.RegisterAsync(anonymous);
        using var client = appHost.CreateGatewayClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", listener.AccessToken);
        var title = $"AppHost {Guid.NewGuid():N}"[..16];

        var trackId = await ToneUploads.UploadAsync(client, title);
        await Listener.WaitUntilReadyAsync(client, trackId);

        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks?q={Uri.EscapeDataString(title.ToLowerInvariant())}");
        Assert.Equal(trackId, found.GetProperty("items")[0].GetProperty("id").GetGuid());
        var stream = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}/stream");
        Assert.Contains("#EXT-X-STREAM-INF", await anonymous.GetStringAsync(stream.GetProperty("hls").GetString()));

        var playlist = await Listener.AddToNewPlaylistAsync(client, trackId);
        Assert.Equal(title, playlist.GetProperty("tracks")[0].GetProperty("title").GetString());
    }
}
