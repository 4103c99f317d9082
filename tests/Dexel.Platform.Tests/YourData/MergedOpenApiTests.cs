using System.Text.Json;

namespace Dexel.Platform.Tests.YourData;

[Collection(YourDataCollection.Name)]
public sealed class MergedOpenApiTests(YourDataFixture app)
{
    private const string Prefix = "#/components/schemas/";

    [Fact]
    public async Task Schemas_that_share_a_name_keep_their_own_shape_under_service_names_and_every_reference_resolves()
    {
        using var client = app.CreateClient();
        JsonElement document = default;
        // Each service generates its document cold on first request, which can take seconds here.
        await Eventually.TrueAsync(async () =>
        {
            document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
            return !document.GetProperty("info").GetProperty("description").GetString()!.StartsWith("Incomplete");
        }, TimeSpan.FromSeconds(60), "every service's document should be merged", TimeSpan.FromSeconds(2));
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var authUser = Properties(schemas.GetProperty("AuthUserResponse"));
        var playlistUser = Properties(schemas.GetProperty("PlaylistUserResponse"));
        Assert.Contains("email", authUser);
        Assert.Contains("tier", authUser);
        Assert.DoesNotContain("email", playlistUser);
        Assert.Contains("displayName", playlistUser);
        Assert.False(schemas.TryGetProperty("UserResponse", out _), "an ambiguous UserResponse should not remain");

        var me = document.GetProperty("paths").GetProperty("/api/v1/users/me").GetProperty("get");
        Assert.Contains(Prefix + "AuthUserResponse", me.GetRawText());
        var followers = document.GetProperty("paths").EnumerateObject().Single(p => p.Name.EndsWith("/followers")).Value
            .GetProperty("get").GetProperty("responses").GetProperty("200");
        var list = References(followers).Single();
        Assert.Contains(Prefix + "PlaylistUserResponse", schemas.GetProperty(list[Prefix.Length..]).GetRawText());

        // The data routes, the gateway's own export among them, are documented too.
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/users/me").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/v1/tracks/{id}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/v1/users/me/export").TryGetProperty("get", out _));
        // A listener's public profile comes from playlist, beside auth's /users/me.
        var profile = References(paths.GetProperty("/api/v1/users/{id}").GetProperty("get").GetProperty("responses").GetProperty("200")).Single();
        Assert.Contains("followers", Properties(schemas.GetProperty(profile[Prefix.Length..])));

        // Listening data: every report, the recommendations and the gateway's home screen with its section shape.
        foreach (var route in new[]
        {
            "/api/v1/analytics/top-tracks", "/api/v1/analytics/top-artists", "/api/v1/analytics/trending", "/api/v1/me/history",
            "/api/v1/me/stats", "/api/v1/tracks/{id}/stats", "/api/v1/admin/analytics/overview", "/api/v1/admin/analytics/voice",
            "/api/v1/admin/analytics/realtime", "/api/v1/admin/analytics/realtime/stream", "/api/v1/recommendations",
            "/api/v1/tracks/{id}/similar", "/api/v1/home",
        })
            Assert.True(paths.TryGetProperty(route, out var item) && item.TryGetProperty("get", out _), $"{route} is not documented");
        var home = References(paths.GetProperty("/api/v1/home").GetProperty("get").GetProperty("responses").GetProperty("200")).Single();
        Assert.Contains("recentlyPlayed", Properties(schemas.GetProperty(home[Prefix.Length..])));

        var names = schemas.EnumerateObject().Select(s => s.Name).ToHashSet();
        Assert.All(References(document), reference =>
            Assert.True(names.Contains(reference[Prefix.Length..]), $"{reference} does not resolve"));
    }

    private static HashSet<string> Properties(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();

    private static IEnumerable<string> References(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "$ref" && p.Value.GetString() is { } target && target.StartsWith(Prefix) ? [target] : References(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(References),
        _ => [],
    };
}
