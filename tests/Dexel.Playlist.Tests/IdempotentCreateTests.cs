using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Playlist.Tests;

/// <summary>A create repeated with its Idempotency-Key makes one playlist, however often and however close together.</summary>
[Collection(PlaylistCollection.Name)]
public sealed class IdempotentCreateTests(PlaylistFixture app)
{
    [Fact]
    public async Task A_repeated_create_answers_with_the_first_playlist_and_makes_no_second()
    {
        var owner = await app.RegisterAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await CreateAsync(owner, key, new { name = "Road trip" });
        using var repeat = await CreateAsync(owner, key, new { name = "  Road trip " });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).Id();
        Assert.Equal(id, (await repeat.Content.ReadFromJsonAsync<JsonElement>()).Id());
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], repeat.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal([id], await ListIdsAsync(owner));

        var events = await KafkaProbe.ReadAsync(app.Kafka.ConnectionString, "playlist.created",
            m => m.Message.Key == id.ToString(), expected: 1, TimeSpan.FromSeconds(30));
        Assert.Single(events);
    }

    [Fact]
    public async Task Simultaneous_creates_with_one_key_all_answer_with_one_playlist()
    {
        var owner = await app.RegisterAsync();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CreateAsync(owner, key, new { name = "Together" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).Id()));
        Assert.Single(ids.Distinct());
        Assert.Equal([ids[0]], await ListIdsAsync(owner));
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task A_key_sent_with_a_different_playlist_is_422_and_makes_nothing()
    {
        var owner = await app.RegisterAsync();
        var key = Guid.NewGuid().ToString();
        using var first = await CreateAsync(owner, key, new { name = "Focus" });

        using var other = await CreateAsync(owner, key, new { name = "Focus", isPublic = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal([(await first.Content.ReadFromJsonAsync<JsonElement>()).Id()], await ListIdsAsync(owner));
    }

    [Fact]
    public async Task Keys_belong_to_their_owner_and_are_freed_when_the_playlist_is_deleted()
    {
        var (ann, bob) = (await app.RegisterAsync(), await app.RegisterAsync());
        var key = Guid.NewGuid().ToString();

        using var annCreated = await CreateAsync(ann, key, new { name = "Mine" });
        using var bobCreated = await CreateAsync(bob, key, new { name = "Mine" });
        var annId = (await annCreated.Content.ReadFromJsonAsync<JsonElement>()).Id();
        Assert.Equal(HttpStatusCode.Created, bobCreated.StatusCode);
        Assert.NotEqual(annId, (await bobCreated.Content.ReadFromJsonAsync<JsonElement>()).Id());

        using (var client = app.CreateClient(ann))
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/playlists/{annId}")).StatusCode);
        using var again = await CreateAsync(ann, key, new { name = "Mine" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(annId, (await again.Content.ReadFromJsonAsync<JsonElement>()).Id());
    }

    public static TheoryData<string[]> BadKeys => new()
    {
        new[] { "" },
        new[] { new string('k', 101) },
        new[] { "tab\tinside" },
        new[] { "two words" },
        new[] { "one", "two" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_malformed_key_is_400_and_makes_nothing(string[] keys)
    {
        var owner = await app.RegisterAsync();
        using var client = app.CreateClient(owner);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/playlists") { Content = JsonContent.Create(new { name = "Nope" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", keys);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
        Assert.Empty(await ListIdsAsync(owner));
    }

    private async Task<HttpResponseMessage> CreateAsync(Session owner, string key, object body)
    {
        using var client = app.CreateClient(owner);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/playlists") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private async Task<List<Guid>> ListIdsAsync(Session owner)
    {
        using var client = app.CreateClient(owner);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/playlists?limit=100");
        return [.. page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid())];
    }
}
