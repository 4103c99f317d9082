using System.Text.Json;
using Confluent.Kafka;
using Dexel.EventBus;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.Tests;

// A system of its own: re-reading every topic from offset zero would put the other classes'
// whole history in front of their next events and make them wait.
public sealed class ReplayTests(AnalyticsFixture app) : IClassFixture<AnalyticsFixture>
{
    [Fact]
    public async Task Replaying_every_topic_from_offset_zero_and_duplicate_deliveries_change_no_report()
    {
        var uploader = await app.RegisterAsync();
        var listener = await app.RegisterAsync();
        var track = await app.PublishTrackAsync(uploader.UserId, "Replayed", "Echo", "ambient");
        var now = DateTime.UtcNow;
        var others = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var plays = new List<SongPlayed>();
        for (var i = 0; i < 12; i++)
        {
            var user = i % 3 == 0 ? listener.UserId : others[i % others.Count];
            var at = now.AddHours(-i * 5);
            plays.Add(Plays.Started(track.TrackId, user, at));
            plays.Add(i % 4 == 0 ? Plays.Skipped(track.TrackId, user, at.AddSeconds(20)) : Plays.Completed(track.TrackId, user, at.AddMinutes(3)));
        }
        var likes = others.Take(3).Select(u => new SongLiked(track.TrackId, u, true)).ToList();
        await app.PublishAsync([.. plays, .. likes]);
        await app.WaitStoredAsync("plays", plays);
        await app.WaitStoredAsync("likes", likes);

        var before = await ReportsAsync(uploader, listener, track.TrackId);
        Assert.Equal(12, before[0].GetProperty("plays").GetInt64());

        // The outbox relay publishing again (at least once), and a new consumer group reading every topic from offset 0.
        await app.PublishAsync([.. plays.Take(6), .. likes.Take(1)]);
        await app.StopServiceAsync("analytics");
        app.ConsumerGroup = "analytics-replay-" + Guid.NewGuid().ToString("N")[..8];
        await app.StartServiceAsync("analytics");
        var markers = await app.PublishMarkersAsync(() => new SongPlayed(Guid.NewGuid(), Guid.NewGuid(), "started", 0));
        await app.WaitStoredAsync("plays", markers, TimeSpan.FromSeconds(90));

        Assert.Equal(plays.Count, await app.CountAsync("plays", AnalyticsFixture.InIds(plays)));
        Assert.Equal(plays.Count, await app.CountAsync("plays_by_track", AnalyticsFixture.InIds(plays)));
        Assert.Equal(likes.Count, await app.CountAsync("likes", AnalyticsFixture.InIds(likes)));
        var after = await ReportsAsync(uploader, listener, track.TrackId);
        Assert.Equal(before.Select(r => r.GetRawText()), after.Select(r => r.GetRawText()));

        // The replay really happened: the new group read every song.played partition to its end.
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = app.Kafka.ConnectionString, GroupId = app.ConsumerGroup }).Build();
        var partitions = Enumerable.Range(0, 4).Select(p => new TopicPartition(Topics.SongPlayed, new Partition(p))).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(consumer.Committed(partitions, TimeSpan.FromSeconds(10))
                .All(c => c.Offset.Value == consumer.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(10)).High.Value)),
            TimeSpan.FromSeconds(30), "the new consumer group should have committed every song.played partition to its end");
    }

    private async Task<List<JsonElement>> ReportsAsync(Session uploader, Session listener, Guid track)
    {
        var stats = await app.GetJsonAsync(uploader, $"/api/v1/tracks/{track}/stats?period=year");
        var top = await app.GetJsonAsync(listener, "/api/v1/analytics/top-tracks?period=week&limit=100");
        var history = await app.GetJsonAsync(listener, "/api/v1/me/history?limit=50");
        var me = await app.GetJsonAsync(listener, "/api/v1/me/stats?period=week");
        var artists = await app.GetJsonAsync(listener, "/api/v1/analytics/top-artists?period=all&limit=100");
        return [stats, .. top.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("trackId").GetGuid() == track),
            history, me, .. artists.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("artist").GetString() == "Echo")];
    }
}
