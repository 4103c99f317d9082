using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Dexel.Analytics.Tests;

/// <summary>Every service the home screen draws on, so that one of them can be stopped.</summary>
public sealed class HomeFixture : AnalyticsFixture
{
    protected override IReadOnlyList<string> ServicesToStart => ["auth", "analytics", "playlist", "streaming", "gateway"];
}

public sealed class HomeTests(HomeFixture app) : IClassFixture<HomeFixture>
{
    private static readonly string[] SectionNames = ["recentlyPlayed", "recommended", "trending", "myPlaylists", "newReleases"];

    private async Task<(JsonElement Home, TimeSpan Elapsed)> HomeAsync(Session session)
    {
        using var client = app.CreateClient(session);
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync("/api/v1/home");
        clock.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, clock.Elapsed);
    }

    [Fact]
    public async Task Home_gathers_every_section_with_the_callers_identity()
    {
        var listener = await app.RegisterAsync();
        using (var client = app.CreateClient(listener))
            (await client.PostAsync("/api/v1/playlists", new StringContent("""{"name":"Home mix"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var track = await app.PublishTrackAsync(title: "At home");
        var play = Plays.Started(track.TrackId, listener.UserId, DateTime.UtcNow);
        await app.PublishAsync(play);
        await app.WaitStoredAsync("plays_by_user", [play]);

        JsonElement home = default;
        // The first calls warm connections and token keys; the budget is per call, so allow a few.
        await Eventually.TrueAsync(async () =>
        {
            (home, _) = await HomeAsync(listener);
            return SectionNames.All(s => home.GetProperty(s).GetProperty("status").GetString() == "ok");
        }, TimeSpan.FromSeconds(30), "every section should be ok when every service is up", TimeSpan.FromSeconds(1));

        Assert.Equal("Home mix", home.GetProperty("myPlaylists").GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(track.TrackId, home.GetProperty("recentlyPlayed").GetProperty("items")[0].GetProperty("trackId").GetGuid());
    }

    [Fact]
    public async Task A_stopped_service_costs_only_its_section()
    {
        var listener = await app.RegisterAsync();
        // Warm every section first: a cold endpoint (JIT, first query) can miss the 250 ms budget on its own.
        await Eventually.TrueAsync(async () =>
        {
            var (warm, _) = await HomeAsync(listener);
            return SectionNames.All(s => warm.GetProperty(s).GetProperty("status").GetString() == "ok");
        }, TimeSpan.FromSeconds(30), "every section should be ok before playlist is stopped", TimeSpan.FromSeconds(1));

        await app.StopServiceAsync("playlist");
        try
        {
            JsonElement home = default;
            // Every answer must be quick and must not pretend playlists are fine; the other sections keep
            // their budget per call, so a single late answer on a busy machine is retried, not counted.
            await Eventually.TrueAsync(async () =>
            {
                (home, var elapsed) = await HomeAsync(listener);
                Assert.NotEqual("ok", home.GetProperty("myPlaylists").GetProperty("status").GetString());
                Assert.Equal(0, home.GetProperty("myPlaylists").GetProperty("items").GetArrayLength());
                // The budget is 250 ms; on a loaded 2-core machine allow generous slack, the point is "not the 30 s proxy timeout".
                Assert.True(elapsed < TimeSpan.FromSeconds(5), $"home took {elapsed.TotalMilliseconds:0} ms");
                return home.GetProperty("recentlyPlayed").GetProperty("status").GetString() == "ok"
                    && home.GetProperty("newReleases").GetProperty("status").GetString() == "ok";
            }, TimeSpan.FromSeconds(20), "sections of running services should stay ok while playlist is stopped", TimeSpan.FromMilliseconds(500));
        }
        finally
        {
            await app.StartServiceAsync("playlist");
        }
    }

    [Fact]
    public async Task Home_needs_a_token()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/home")).StatusCode);
    }
}
