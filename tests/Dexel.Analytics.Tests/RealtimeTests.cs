using System.Net.Http.Headers;
using System.Text.Json;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.Tests;

[Collection(AnalyticsCollection.Name)]
public sealed class RealtimeTests(AnalyticsFixture app)
{
    [Fact]
    public async Task Plays_show_in_the_live_counters_and_a_rising_track_trends()
    {
        var admin = await app.RegisterAdminAsync();
        var track = await app.PublishTrackAsync(title: "Rising " + Guid.NewGuid().ToString("N")[..6]);
        await app.WaitStoredAsync("tracks", [track]);
        var before = (await app.GetJsonAsync(admin, "/api/v1/admin/analytics/realtime")).GetProperty("playsLastMinute").GetInt64();
        var plays = Enumerable.Range(0, 8).Select(_ => Plays.Started(track.TrackId, Guid.NewGuid(), DateTime.UtcNow)).ToList();
        await app.PublishAsync(plays);

        JsonElement realtime = default;
        await Eventually.TrueAsync(async () =>
        {
            realtime = await app.GetJsonAsync(admin, "/api/v1/admin/analytics/realtime");
            return realtime.GetProperty("playsLastMinute").GetInt64() >= before + plays.Count;
        }, TimeSpan.FromSeconds(20), "the plays should be counted within moments", TimeSpan.FromMilliseconds(250));

        Assert.True(realtime.GetProperty("listenersNow").GetInt64() >= plays.Count);
        Assert.Equal(60, realtime.GetProperty("playsPerMinute").GetArrayLength());
        Assert.True(realtime.GetProperty("playsPerMinute").EnumerateArray().TakeLast(2).Sum(m => m.GetInt64()) >= plays.Count);
        // Trending is shared and at most a second old.
        JsonElement mine = default;
        await Eventually.TrueAsync(async () =>
        {
            var trending = await app.GetJsonAsync(admin, "/api/v1/analytics/trending?limit=50");
            mine = trending.GetProperty("items").EnumerateArray().SingleOrDefault(t => t.GetProperty("trackId").GetGuid() == track.TrackId);
            return mine.ValueKind != JsonValueKind.Undefined && mine.GetProperty("recentPlays").GetDouble() == plays.Count;
        }, TimeSpan.FromSeconds(3), "trending should show the plays within a second", TimeSpan.FromMilliseconds(250));
        Assert.Equal(track.Title, mine.GetProperty("title").GetString());
        Assert.Equal(plays.Count, mine.GetProperty("recentPlays").GetDouble());
    }

    [Fact]
    public async Task The_stream_sends_a_snapshot_every_second()
    {
        var admin = await app.RegisterAdminAsync();
        using var client = app.CreateClient(admin);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/analytics/realtime/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var snapshots = new List<JsonElement>();
        while (snapshots.Count < 3 && await reader.ReadLineAsync(cancel.Token) is { } line)
            if (line.StartsWith("data: ")) snapshots.Add(JsonDocument.Parse(line[6..]).RootElement);

        Assert.Equal(3, snapshots.Count);
        Assert.All(snapshots, s => Assert.Equal(60, s.GetProperty("playsPerMinute").GetArrayLength()));
    }
}
