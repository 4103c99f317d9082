using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Streaming.Tests;

/// <summary>
/// Streaming set to hand segments to the object store (a CDN's origin), and a Redis of the
/// fixture's own to lose: every service's, since sessions live there for all of them.
/// </summary>
public sealed class RedirectFixture : StreamingFixture
{
    public PrivateServer Redis { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        Redis = await PrivateServer.StartRedisAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        base.Configure(service, environment);
        environment["ConnectionStrings__redis"] = Redis.ConnectionString;
        if (service == "streaming") environment["Streaming__Delivery"] = "Redirect";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed class RedirectDeliveryTests(RedirectFixture app) : IClassFixture<RedirectFixture>
{
    [Fact]
    public async Task Segments_redirect_to_a_presigned_object_store_url_and_playlists_survive_a_redis_outage()
    {
        var listener = await app.RegisterAsync();
        var id = await app.UploadAsync(listener, app.Audio.Tone(3), "audio/wav", "Redirected");
        Assert.Equal("ready", (await app.WaitFinishedAsync(listener, id)).GetProperty("status").GetString());
        using var client = app.CreateClient(listener);
        var hls = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{id}/stream")).GetProperty("hls").GetString()!;
        using var media = app.CreateClient();
        var variant = Playlists.HlsVariants(await media.GetStringAsync(hls))[0];
        var segment = Playlists.HlsMedia(await media.GetStringAsync(variant)).Segments[0];

        using var noFollow = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.GatewayUrl };
        using var redirect = await noFollow.GetAsync(segment);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.Equal(new Uri(app.ConnectionStringOf("streaming", "objectstore").Split(';')[0]["Endpoint=".Length..]).Authority, location.Authority);
        Assert.Contains("X-Amz-Signature=", location.Query);
        using var direct = new HttpClient();
        var bytes = await direct.GetByteArrayAsync(location);
        Assert.True(bytes.Length > 1000);

        // A tampered segment URL is refused before any redirect is issued.
        using var tampered = await noFollow.GetAsync(segment.Replace("chunk-", "chunk-9"));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);

        await app.Redis.StopAsync();
        Assert.Equal(HttpStatusCode.OK, (await media.GetAsync(hls)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await media.GetAsync(variant)).StatusCode);
        var manifest = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{id}/stream")).GetProperty("dash").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await media.GetAsync(manifest)).StatusCode);
        await Eventually.TrueAsync(async () => await app.CreateClient("streaming").GetStringAsync("/health") == "Degraded",
            TimeSpan.FromSeconds(30), "streaming should report Degraded without its cache");
    }
}
