using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dexel.Testing;
using StackExchange.Redis;

namespace Dexel.Platform.Tests;

/// <summary>Gateway, auth and playlist sharing a Redis of their own, so the shared signing keys can be taken away.</summary>
public sealed class AuthOutageFixture : DexelAppFixture
{
    public PrivateServer Redis { get; private set; } = null!;

    protected override IReadOnlyList<string> ServicesToStart => ["gateway", "auth", "playlist"];

    public override async ValueTask InitializeAsync()
    {
        Redis = await PrivateServer.StartRedisAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(string service, IDictionary<string, string> environment) =>
        environment["ConnectionStrings__redis"] = Redis.ConnectionString;

    /// <summary>Restarts a service so it forgets every key it fetched.</summary>
    public async Task RestartAsync(string service)
    {
        await StopServiceAsync(service);
        await StartServiceAsync(service);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed class AuthOutageTests(AuthOutageFixture app) : IClassFixture<AuthOutageFixture>
{
    private static readonly RedisKey SharedKeys = "dexel:signing-keys";

    [Fact]
    public async Task With_auth_down_a_freshly_started_gateway_and_service_validate_with_the_keys_auth_shared()
    {
        var user = await app.RegisterAsync();
        using var redis = await ConnectionMultiplexer.ConnectAsync(app.Redis.ConnectionString);
        await Eventually.TrueAsync(async () => await redis.GetDatabase().HashLengthAsync(SharedKeys) > 0,
            TimeSpan.FromSeconds(30), "auth should share its signing keys in Redis");

        await app.StopServiceAsync("auth");
        try
        {
            // Neither has ever fetched a key: only the shared copy can vouch for the token.
            await app.RestartAsync("gateway");
            await app.RestartAsync("playlist");
            using var client = app.CreateClient(user);

            using var response = await client.GetAsync("/api/v1/playlists");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await app.StartServiceAsync("auth");
        }
    }

    [Fact]
    public async Task With_no_key_to_be_had_an_authenticated_request_is_a_fast_503_problem_and_recovers_with_auth()
    {
        var user = await app.RegisterAsync();
        await app.StopServiceAsync("auth");
        try
        {
            using var redis = await ConnectionMultiplexer.ConnectAsync(app.Redis.ConnectionString);
            await redis.GetDatabase().KeyDeleteAsync(SharedKeys);
            await app.RestartAsync("gateway");
            using var client = app.CreateClient(user);
            // The fresh process's first request pays for JIT; the second shows what an outage costs.
            using (var first = await client.GetAsync("/api/v1/playlists"))
                Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);

            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync("/api/v1/playlists");
            clock.Stop();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter is not null, "a 503 says when to retry");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.ElapsedMilliseconds} ms");
            // Anonymous areas do not need keys and stay up.
            using var anonymous = app.CreateClient();
            Assert.NotEqual(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/api/v1/shared/no-such-token")).StatusCode);
        }
        finally
        {
            await app.StartServiceAsync("auth");
        }

        using var again = app.CreateClient(user);
        await Eventually.TrueAsync(async () => (await again.GetAsync("/api/v1/playlists")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the gateway should validate again once auth is back");
    }

    [Fact]
    public async Task A_logged_out_token_is_refused_by_the_services_themselves_not_only_the_gateway()
    {
        var user = await app.RegisterAsync();
        using var direct = app.CreateClient("playlist");
        direct.DefaultRequestHeaders.Authorization = new("Bearer", user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/api/v1/playlists")).StatusCode);

        using (var client = app.CreateClient(user))
        using (var logout = await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = user.RefreshToken }))
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await Eventually.TrueAsync(async () => (await direct.GetAsync("/api/v1/playlists")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(5), "playlist should refuse the token within the 5 s a logout takes");
    }

    [Fact]
    public async Task A_service_called_directly_caps_bodies_like_the_gateway_and_hides_its_internals()
    {
        var user = await app.RegisterAsync();
        using var direct = app.CreateClient("playlist");
        direct.DefaultRequestHeaders.Authorization = new("Bearer", user.AccessToken);

        using var oversize = await direct.PostAsync("/api/v1/playlists",
            new StringContent($$"""{"name":"{{new string('x', 2 * 1024 * 1024)}}"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
        Assert.Equal("application/problem+json", oversize.Content.Headers.ContentType?.MediaType);
        Assert.False(oversize.Headers.Contains("Server"), "no Server header");
        Assert.Equal("nosniff", oversize.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
