using System.Net;
using System.Text.Json;
using Dexel.EventBus;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.Tests;

[Collection(AnalyticsCollection.Name)]
public sealed class ReportTests(AnalyticsFixture app)
{
    [Fact]
    public async Task Chart_periods_are_windows_ending_now()
    {
        var listener = await app.RegisterAsync();
        var genre = "boundary-" + Guid.NewGuid().ToString("N")[..6];
        var artist = "Artist " + genre;
        var track = await app.PublishTrackAsync(title: "Edges", artist: artist, genre: genre);
        var now = DateTime.UtcNow;
        // 1 play in the last hour, 2 more in the last day, 4 more in the last week, 8 more in the last month.
        var plays = new (int Minutes, int Count)[] { (30, 1), (180, 2), (3 * 1440, 4), (20 * 1440, 8) }
            .SelectMany(p => Enumerable.Range(0, p.Count).Select(_ => Plays.Started(track.TrackId, Guid.NewGuid(), now.AddMinutes(-p.Minutes))))
            .ToList();
        plays.Add(Plays.Completed(track.TrackId, plays[0].UserId, now.AddMinutes(-27)));
        await app.PublishAsync(plays);
        await app.WaitStoredAsync("plays", plays);

        foreach (var (period, expected) in new[] { ("hour", 1), ("day", 3), ("week", 7), ("month", 15), ("all", 15) })
        {
            var top = await app.GetJsonAsync(listener, $"/api/v1/analytics/top-tracks?period={period}&genre={genre}");
            var item = Assert.Single(top.GetProperty("items").EnumerateArray());
            Assert.Equal(track.TrackId, item.GetProperty("trackId").GetGuid());
            Assert.Equal(expected, item.GetProperty("plays").GetInt64());
            Assert.Equal(expected, item.GetProperty("listeners").GetInt64());
            Assert.Equal("Edges", item.GetProperty("title").GetString());
            Assert.Equal(Math.Round(1.0 / expected, 4), item.GetProperty("completionRate").GetDouble());

            var artists = await app.GetJsonAsync(listener, $"/api/v1/analytics/top-artists?period={period}&limit=100");
            var mine = artists.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("artist").GetString() == artist);
            Assert.Equal(expected, mine.GetProperty("plays").GetInt64());
        }
    }

    [Fact]
    public async Task History_is_the_callers_own_newest_first_in_pages()
    {
        var listener = await app.RegisterAsync();
        var stranger = await app.RegisterAsync();
        var track = await app.PublishTrackAsync(title: "Paged");
        var now = DateTime.UtcNow;
        var mine = Enumerable.Range(1, 5).Select(i => Plays.Started(track.TrackId, listener.UserId, now.AddMinutes(-i))).ToList();
        var theirs = Plays.Started(track.TrackId, stranger.UserId, now);
        await app.PublishAsync([.. mine, theirs]);
        await app.WaitStoredAsync("plays_by_user", [.. mine, theirs]);

        var seen = new List<DateTime>();
        string? next = null;
        do
        {
            var page = await app.GetJsonAsync(listener, "/api/v1/me/history?limit=2" + (next is null ? "" : "&before=" + next));
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 2);
            Assert.All(items, i => Assert.Equal("Paged", i.GetProperty("title").GetString()));
            seen.AddRange(items.Select(i => i.GetProperty("playedAt").GetDateTime()));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        } while (next is not null);

        Assert.Equal(mine.Select(p => Seconds(p.OccurredAt)), seen.Select(Seconds));
    }

    [Fact]
    public async Task The_first_page_of_history_shows_a_new_play_though_it_was_read_before()
    {
        var listener = await app.RegisterAsync();
        var track = await app.PublishTrackAsync(title: "Again");
        var first = Plays.Started(track.TrackId, listener.UserId, DateTime.UtcNow.AddMinutes(-5));
        await app.PublishAsync(first);
        await app.WaitStoredAsync("plays_by_user", [first]);
        var before = await app.GetJsonAsync(listener, "/api/v1/me/history?limit=10");
        Assert.Single(before.GetProperty("items").EnumerateArray());

        var second = Plays.Started(track.TrackId, listener.UserId, DateTime.UtcNow);
        await app.PublishAsync(second);
        await app.WaitStoredAsync("plays_by_user", [second]);
        // The cached page is dropped when the real-time counters record the play, just after it is stored.
        await Eventually.TrueAsync(async () =>
            (await app.GetJsonAsync(listener, "/api/v1/me/history?limit=10")).GetProperty("items").GetArrayLength() == 2,
            TimeSpan.FromSeconds(2), "the new play should show at once", TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task My_stats_count_minutes_plays_tops_and_the_longest_streak()
    {
        var listener = await app.RegisterAsync();
        var jazz = await app.PublishTrackAsync(title: "Blue", artist: "Miles", genre: "jazz");
        var rock = await app.PublishTrackAsync(title: "Loud", artist: "Band", genre: "rock");
        var today = DateTime.UtcNow.Date.AddHours(1) > DateTime.UtcNow ? DateTime.UtcNow.Date.AddDays(-1) : DateTime.UtcNow.Date;
        var events = new List<IntegrationEvent>();
        foreach (var daysAgo in new[] { 0, 1, 2, 5 })
            events.AddRange(Plays.Listen(jazz.TrackId, listener.UserId, today.AddDays(-daysAgo).AddMinutes(10)));
        events.Add(Plays.Started(rock.TrackId, listener.UserId, today.AddMinutes(30)));
        events.Add(Plays.Skipped(rock.TrackId, listener.UserId, today.AddMinutes(30).AddSeconds(30), positionMs: 30_000));
        await app.PublishAsync(events);
        await app.WaitStoredAsync("plays_by_user", events);

        var stats = await app.GetJsonAsync(listener, "/api/v1/me/stats?period=week");

        Assert.Equal(5, stats.GetProperty("plays").GetInt64());
        Assert.Equal(4 * 3 + 0.5, stats.GetProperty("minutesListened").GetDouble());
        Assert.Equal(3, stats.GetProperty("longestStreakDays").GetInt32());
        Assert.Equal(jazz.TrackId, stats.GetProperty("topTracks")[0].GetProperty("trackId").GetGuid());
        Assert.Equal("Miles", stats.GetProperty("topArtists")[0].GetProperty("name").GetString());
        Assert.Equal(["jazz", "rock"], stats.GetProperty("topGenres").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        var perDay = stats.GetProperty("minutesPerDay").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!, d => d.GetProperty("minutes").GetDouble());
        Assert.Equal(3.5, perDay[today.ToString("yyyy-MM-dd")]);
        Assert.Equal(0, perDay[today.AddDays(-3).ToString("yyyy-MM-dd")]);
    }

    [Fact]
    public async Task Voice_report_gives_per_intent_success_and_latency_and_failed_transcripts()
    {
        var admin = await app.RegisterAdminAsync();
        var intent = "intent-" + Guid.NewGuid().ToString("N")[..6];
        var commands = Enumerable.Range(1, 10).Select(i =>
            new VoiceCommandHandled(Guid.NewGuid(), admin.UserId, i <= 3 ? "what is the weather " + intent : "play jazz", intent, i > 3, i * 100)).ToList();
        await app.PublishAsync(commands);
        await app.WaitStoredAsync("voice_commands", commands);

        var report = await app.GetJsonAsync(admin, "/api/v1/admin/analytics/voice?period=day");

        var stats = report.GetProperty("intents").EnumerateArray().Single(i => i.GetProperty("intent").GetString() == intent);
        Assert.Equal(10, stats.GetProperty("commands").GetInt64());
        Assert.Equal(0.7, stats.GetProperty("successRate").GetDouble());
        Assert.InRange(stats.GetProperty("latencyP50Ms").GetDouble(), 500, 600);
        Assert.InRange(stats.GetProperty("latencyP95Ms").GetDouble(), 900, 1000);
        var failed = report.GetProperty("topFailedTranscripts").EnumerateArray().Single(t => t.GetProperty("transcript").GetString()!.EndsWith(intent));
        Assert.Equal(3, failed.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Overview_counts_activity_per_utc_day_with_retention_cohorts()
    {
        var admin = await app.RegisterAdminAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var overview = await app.GetJsonAsync(admin, $"/api/v1/admin/analytics/overview?from={today.AddDays(-6):yyyy-MM-dd}&to={today:yyyy-MM-dd}");

        var days = overview.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(7, days.Count);
        Assert.Equal(today.ToString("yyyy-MM-dd"), days[^1].GetProperty("date").GetString());
        // This fixture's users registered today (auth published user.registered) and played today.
        await Eventually.TrueAsync(async () =>
        {
            var now = await app.GetJsonAsync(admin, $"/api/v1/admin/analytics/overview?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
            var day = now.GetProperty("days")[0];
            return day.GetProperty("registrations").GetInt64() >= 1 && now.GetProperty("cohorts").GetArrayLength() >= 1;
        }, TimeSpan.FromSeconds(30), "registrations from auth's user.registered should be counted");
    }

    private static long Seconds(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
