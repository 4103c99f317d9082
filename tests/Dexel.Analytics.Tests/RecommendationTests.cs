using System.Text.Json;
using Dexel.EventBus;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.Tests;

// A system of its own: it restarts analytics and plants hundreds of plays, which must not wait
// behind (or delay) the other classes' events.
public sealed class RecommendationTests(AnalyticsFixture app) : IClassFixture<AnalyticsFixture>
{
    private const string Collaborative = "Because you listened to";

    /// <summary>Two taste groups of 8 tracks; 12 listeners each finish 5 tracks of their own group only.</summary>
    private async Task<(List<TrackPublished> A, List<TrackPublished> B)> PlantTasteGroupsAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var a = new List<TrackPublished>();
        var b = new List<TrackPublished>();
        for (var i = 0; i < 8; i++)
        {
            a.Add(AnalyticsFixture.NewTrack(title: $"A{i}", artist: $"Artist A{i} {tag}", genre: $"a-{tag}"));
            b.Add(AnalyticsFixture.NewTrack(title: $"B{i}", artist: $"Artist B{i} {tag}", genre: $"b-{tag}"));
        }
        await app.PublishTracksAsync([.. a, .. b]);
        var plays = new List<IntegrationEvent>();
        var at = DateTime.UtcNow.AddDays(-2);
        foreach (var group in new[] { a, b })
            for (var user = 0; user < 12; user++)
            {
                var id = Guid.NewGuid();
                for (var k = 0; k < 5; k++) plays.AddRange(Plays.Listen(group[(user + k) % 8].TrackId, id, at.AddMinutes(k * 4)));
            }
        await app.PublishAsync(plays);
        await app.WaitStoredAsync("plays", plays);
        return (a, b);
    }

    private async Task<List<JsonElement>> WaitCollaborativeAsync(Session session, string path, int atLeast)
    {
        List<JsonElement> items = [];
        await Eventually.TrueAsync(async () =>
        {
            items = [.. (await app.GetJsonAsync(session, path)).GetProperty("items").EnumerateArray()];
            return items.Count(i => i.GetProperty("reason").GetString()!.StartsWith(Collaborative) || i.GetProperty("reason").GetString()!.StartsWith("Listeners of")) >= atLeast;
        }, TimeSpan.FromSeconds(60), $"{path} should come from a trained model", TimeSpan.FromSeconds(1));
        return items;
    }

    private static Guid Id(JsonElement item) => item.GetProperty("trackId").GetGuid();

    [Fact]
    public async Task A_listener_of_one_group_gets_that_groups_tracks_but_not_what_they_just_played_liked_or_skipped()
    {
        var (a, b) = await PlantTasteGroupsAsync();
        var listener = await app.RegisterAsync();
        var now = DateTime.UtcNow;
        var mine = new List<IntegrationEvent>();
        foreach (var track in a.Take(3)) mine.AddRange(Plays.Listen(track.TrackId, listener.UserId, now.AddMinutes(-30)));
        mine.Add(new SongLiked(a[3].TrackId, listener.UserId, true));
        mine.Add(Plays.Started(a[4].TrackId, listener.UserId, now.AddDays(-3)));
        mine.Add(Plays.Skipped(a[4].TrackId, listener.UserId, now.AddDays(-3).AddSeconds(5)));
        await app.PublishAsync(mine);
        await app.WaitStoredAsync("plays_by_user", mine.OfType<SongPlayed>().ToList());
        await app.WaitStoredAsync("likes", mine.OfType<SongLiked>().ToList());

        var items = await WaitCollaborativeAsync(listener, "/api/v1/recommendations?limit=5", atLeast: 3);

        var groupA = a.Select(t => t.TrackId).ToHashSet();
        Assert.True(items.Count(i => groupA.Contains(Id(i))) >= 3, string.Join(", ", items.Select(i => i.GetProperty("title").GetString())));
        Assert.DoesNotContain(items, i => b.Any(t => t.TrackId == Id(i)) && i.GetProperty("reason").GetString()!.StartsWith(Collaborative));
        var excluded = new[] { a[0], a[1], a[2], a[3], a[4] }.Select(t => t.TrackId).ToHashSet();
        Assert.DoesNotContain(items, i => excluded.Contains(Id(i)));
    }

    [Fact]
    public async Task What_a_listener_plays_after_being_served_is_never_recommended_next()
    {
        var (a, _) = await PlantTasteGroupsAsync();
        var listener = await app.RegisterAsync();
        var first = new List<IntegrationEvent>();
        foreach (var track in a.Take(2)) first.AddRange(Plays.Listen(track.TrackId, listener.UserId, DateTime.UtcNow.AddMinutes(-30)));
        await app.PublishAsync(first);
        await app.WaitStoredAsync("plays_by_user", first.OfType<SongPlayed>().ToList());
        var served = await WaitCollaborativeAsync(listener, "/api/v1/recommendations?limit=5", atLeast: 3);

        // The profile behind that answer is cached now; playing the top pick must still remove it.
        var played = Plays.Listen(Id(served[0]), listener.UserId, DateTime.UtcNow).ToList<IntegrationEvent>();
        await app.PublishAsync(played);
        await app.WaitStoredAsync("plays_by_user", played.OfType<SongPlayed>().ToList());
        await Eventually.TrueAsync(async () => !(await app.GetJsonAsync(listener, "/api/v1/recommendations?limit=5"))
                .GetProperty("items").EnumerateArray().Any(i => Id(i) == Id(served[0])),
            TimeSpan.FromSeconds(5), "a track just played should leave the recommendations within moments of being stored", TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task Similar_tracks_and_the_mix_stay_in_the_seeds_group()
    {
        var (a, _) = await PlantTasteGroupsAsync();
        var listener = await app.RegisterAsync();
        var groupA = a.Select(t => t.TrackId).ToHashSet();

        var similar = await WaitCollaborativeAsync(listener, $"/api/v1/tracks/{a[0].TrackId}/similar?limit=5", atLeast: 5);
        Assert.All(similar, i => Assert.Contains(Id(i), groupA));
        Assert.DoesNotContain(similar, i => Id(i) == a[0].TrackId);

        var mix = (await app.GetJsonAsync(listener, $"/api/v1/mix?seedTrackId={a[0].TrackId}&limit=8")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(a[0].TrackId, Id(mix[0]));
        Assert.Equal(8, mix.Count);
        Assert.Equal(8, mix.Count(i => groupA.Contains(Id(i))));
        Assert.All(mix.Zip(mix.Skip(1)), pair => Assert.NotEqual(pair.First.GetProperty("artist").GetString(), pair.Second.GetProperty("artist").GetString()));
    }

    [Fact]
    public async Task Newcomers_get_popular_tracks_and_a_new_track_gets_its_artists_and_genres_tracks()
    {
        var (a, _) = await PlantTasteGroupsAsync();
        var newcomer = await app.RegisterAsync();
        var fresh = await app.PublishTrackAsync(title: "Brand new", artist: a[1].Artist, genre: a[1].Genre!);
        await app.WaitStoredAsync("tracks", [fresh]);

        var similar = new List<JsonElement>();
        await Eventually.TrueAsync(async () =>
        {
            similar = [.. (await app.GetJsonAsync(newcomer, $"/api/v1/tracks/{fresh.TrackId}/similar?limit=5")).GetProperty("items").EnumerateArray()];
            return similar.Count == 5;
        }, TimeSpan.FromSeconds(60), "a new track should get content-based neighbours once the catalog is reloaded", TimeSpan.FromSeconds(1));
        Assert.Equal(a[1].TrackId, Id(similar[0]));
        Assert.Equal($"Also by {a[1].Artist}", similar[0].GetProperty("reason").GetString());
        Assert.All(similar.Skip(1), i => Assert.Equal(a[1].Genre, i.GetProperty("genre").GetString()));

        var forNewcomer = (await app.GetJsonAsync(newcomer, "/api/v1/recommendations?limit=5")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, forNewcomer.Count);
        Assert.All(forNewcomer, i => Assert.Equal("Popular now", i.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task The_model_survives_a_restart()
    {
        var (a, _) = await PlantTasteGroupsAsync();
        var listener = await app.RegisterAsync();
        var before = await WaitCollaborativeAsync(listener, $"/api/v1/tracks/{a[2].TrackId}/similar?limit=5", atLeast: 5);

        await app.StopServiceAsync("analytics");
        app.TrainingInterval = TimeSpan.FromHours(1); // no retraining after the restart: what is served was stored
        try
        {
            await app.StartServiceAsync("analytics");
            var after = (await app.GetJsonAsync(listener, $"/api/v1/tracks/{a[2].TrackId}/similar?limit=5")).GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(before.Select(Id), after.Select(Id));

            // The killed consumer never left its group: ingestion resumes once the group gives up on it (10 s), not minutes later.
            var play = Plays.Started(a[0].TrackId, listener.UserId, DateTime.UtcNow);
            await app.PublishAsync(play);
            await app.WaitStoredAsync("plays", [play], TimeSpan.FromSeconds(40));
        }
        finally
        {
            await app.StopServiceAsync("analytics");
            app.TrainingInterval = TimeSpan.FromSeconds(2);
            await app.StartServiceAsync("analytics");
        }
    }

    [Theory]
    [InlineData("/api/v1/recommendations?limit=0", "limit")]
    [InlineData("/api/v1/tracks/xyz/similar", "id")]
    [InlineData("/api/v1/mix", "seedTrackId")]
    [InlineData("/api/v1/mix?seedTrackId=nope", "seedTrackId")]
    public async Task Bad_parameters_are_400_problems(string path, string parameter)
    {
        using var client = app.CreateClient(await app.RegisterAsync());
        using var response = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }
}
