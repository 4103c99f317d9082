using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Net;

namespace Dexel.Platform.Tests;

/// <summary>Its own copy of the system, because these tests stop services one by one.</summary>
public sealed class RoutingFixture : Dexel.Testing.DexelAppFixture
{
    protected override IReadOnlyList<string> ServicesToStart => AllServicesFixture.All;

    // These tests send ~100 requests a minute as one user; the budget is not what they test.
    protected override void Configure(string service, IDictionary<string, string> environment) =>
        environment["RateLimiting__FreePerMinute"] = "10000";

    public string AccessToken { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        using var client = CreateClient();
        using var registered = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = $"router-{Suffix}@example.com", password = "correct horse battery", displayName = "Router" });
        registered.EnsureSuccessStatusCode();
        AccessToken = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}

public sealed class GatewayRoutingTests(RoutingFixture app) : IClassFixture<RoutingFixture>
{
    // One path per route area of api.md, and the service that owns it.
    public static readonly (string Path, string Service)[] Routes =
    [
        ("/api/v1/auth/login", "auth"),
        ("/api/v1/users/me", "auth"),
        ("/api/v1/admin/users/1/tier", "auth"),
        ("/.well-known/jwks.json", "auth"),
        ("/api/v1/tracks", "streaming"),
        ("/api/v1/tracks/42", "streaming"),
        ("/api/v1/playback/events", "streaming"),
        ("/api/v1/playlists", "playlist"),
        ("/api/v1/playlists/42/tracks", "playlist"),
        ("/api/v1/shared/abc", "playlist"),
        ("/api/v1/me/likes/42", "playlist"),
        ("/api/v1/users/42/followers", "playlist"),
        ("/api/v1/analytics/top-tracks", "analytics"),
        ("/api/v1/me/history", "analytics"),
        ("/api/v1/voice/commands", "voice"),
        ("/api/v1/recommendations", "analytics"),
        ("/api/v1/me/stats", "analytics"),
        ("/api/v1/tracks/42/stats", "analytics"),
        ("/api/v1/tracks/42/similar", "analytics"),
        ("/api/v1/mix", "analytics"),
        ("/api/v1/admin/analytics/overview", "analytics"),
    ];

    public static TheoryData<string> Services => new(AllServicesFixture.All.Where(s => s != "gateway"));

    [Fact]
    public async Task Without_a_token_only_the_public_routes_reach_a_service()
    {
        using var client = app.CreateClient();

        foreach (var (path, _) in Routes)
        {
            using var response = await client.GetAsync(path);
            var isPublic = path is "/.well-known/jwks.json" or "/api/v1/auth/login" || path.StartsWith("/api/v1/shared/");
            Assert.True(isPublic ? response.StatusCode != HttpStatusCode.Unauthorized : response.StatusCode == HttpStatusCode.Unauthorized,
                $"{path} answered {(int)response.StatusCode} without a token");
        }
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/v1/no-such-area/1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Each_area_reaches_its_own_service_and_a_stopped_service_answers_503_fast(string service)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", app.AccessToken);
        await app.StopServiceAsync(service);
        try
        {
            foreach (var (path, owner) in Routes)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync(path);
                clock.Stop();

                if (owner == service)
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    // The first refusal runs cold code on a machine busy with other classes' services; the point is
                    // "not the 30 s proxy timeout". The next one, with the circuit open, must be immediate.
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"{path} took {clock.ElapsedMilliseconds} ms with {service} stopped");
                    clock.Restart();
                    using var again = await client.GetAsync(path);
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{path} took {clock.ElapsedMilliseconds} ms the second time with {service} stopped");
                }
                else
                {
                    Assert.NotEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                }
            }
        }
        finally
        {
            await app.StartServiceAsync(service);
            // The gateway's circuit for the service stays open a few seconds after it is back.
            var probe = Routes.First(r => r.Service == service).Path;
            await Dexel.Testing.Eventually.TrueAsync(async () =>
                (await client.GetAsync(probe)).StatusCode != HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(30), $"the gateway should reach {service} again");
        }
    }
}
