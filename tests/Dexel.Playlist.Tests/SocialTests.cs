using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Playlist.Tests;

[Collection(PlaylistCollection.Name)]
public sealed class SocialTests(PlaylistFixture app)
{
    [Fact]
    public async Task Likes_are_idempotent_and_each_real_change_publishes_song_liked_once()
    {
        var listener = await app.RegisterAsync();
        var track = await app.PublishTrackAsync("Liked", "Lee");
        using var client = app.CreateClient(listener);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/api/v1/me/likes/{track}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/api/v1/me/likes/{track}", null)).StatusCode);
        var likes = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/likes");
        var liked = Assert.Single(likes.GetProperty("items").EnumerateArray());
        Assert.Equal(track, liked.GetProperty("id").GetGuid());
        Assert.Equal("Lee", liked.GetProperty("artist").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/me/likes/{track}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/me/likes/{track}")).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/me/likes")).GetProperty("items").EnumerateArray());

        var events = await KafkaProbe.ReadAsync(app.Kafka.ConnectionString, "song.liked",
            m => m.Message.Key == track.ToString(), expected: 2, TimeSpan.FromSeconds(30));
        Assert.Equal([true, false], events.Select(e => KafkaProbe.Json(e).GetProperty("liked").GetBoolean()));
        Assert.All(events, e => Assert.Equal(listener.UserId, KafkaProbe.Json(e).GetProperty("userId").GetGuid()));
    }

    [Fact]
    public async Task The_same_like_sent_many_times_at_once_is_one_like_and_one_event()
    {
        var listener = await app.RegisterAsync();
        var track = await app.PublishTrackAsync();
        using var client = app.CreateClient(listener);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PutAsync($"/api/v1/me/likes/{track}", null)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        var events = await KafkaProbe.ReadAsync(app.Kafka.ConnectionString, "song.liked",
            m => m.Message.Key == track.ToString(), expected: 1, TimeSpan.FromSeconds(30));
        Assert.Single(events);
    }

    [Fact]
    public async Task Liking_an_unknown_track_is_404()
    {
        using var client = app.CreateClient(await app.RegisterAsync());
        using var response = await client.PutAsync($"/api/v1/me/likes/{Guid.NewGuid()}", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Follows_are_idempotent_and_listed_both_ways_with_display_names()
    {
        var fan = await app.RegisterKnownAsync("Fan");
        var star = await app.RegisterKnownAsync("Star");
        using var client = app.CreateClient(fan);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/api/v1/me/following/{star.UserId}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/api/v1/me/following/{star.UserId}", null)).StatusCode);

        var followers = await client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{star.UserId}/followers");
        var follower = Assert.Single(followers.GetProperty("items").EnumerateArray());
        Assert.Equal(fan.UserId, follower.GetProperty("id").GetGuid());
        Assert.Equal("Fan", follower.GetProperty("displayName").GetString());
        var following = await client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{fan.UserId}/following");
        Assert.Equal("Star", Assert.Single(following.GetProperty("items").EnumerateArray()).GetProperty("displayName").GetString());
        var starProfile = await client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{star.UserId}");
        Assert.Equal((star.UserId, "Star", 1, 0), (starProfile.GetProperty("id").GetGuid(), starProfile.GetProperty("displayName").GetString(),
            starProfile.GetProperty("followers").GetInt32(), starProfile.GetProperty("following").GetInt32()));
        var fanProfile = await client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{fan.UserId}");
        Assert.Equal((0, 1), (fanProfile.GetProperty("followers").GetInt32(), fanProfile.GetProperty("following").GetInt32()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/me/following/{star.UserId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/me/following/{star.UserId}")).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"/api/v1/users/{star.UserId}/followers")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Nobody_follows_themselves_or_a_user_who_does_not_exist()
    {
        var me = await app.RegisterKnownAsync();
        using var client = app.CreateClient(me);

        using var self = await client.PutAsync($"/api/v1/me/following/{me.UserId}", null);
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("yourself", await self.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsync($"/api/v1/me/following/{Guid.NewGuid()}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/users/{Guid.NewGuid()}/followers")).StatusCode);
        using var unknown = await client.GetAsync($"/api/v1/users/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        // The literal route still goes to auth: the caller's own account, with the email only they see.
        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal(me.UserId, mine.GetProperty("id").GetGuid());
        Assert.True(mine.TryGetProperty("email", out _));
    }
}
