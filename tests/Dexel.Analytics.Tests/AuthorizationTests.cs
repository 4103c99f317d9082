using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Analytics.Tests;

[Collection(AnalyticsCollection.Name)]
public sealed class AuthorizationTests(AnalyticsFixture app)
{
    [Fact]
    public async Task Track_stats_are_for_the_uploader_and_admins_only()
    {
        var uploader = await app.RegisterAsync();
        var other = await app.RegisterAsync();
        var admin = await app.RegisterAdminAsync();
        var track = await app.PublishTrackAsync(uploader.UserId);
        await app.WaitStoredAsync("tracks", [track]);
        var path = $"/api/v1/tracks/{track.TrackId}/stats";

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(uploader, path));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(admin, path));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(other, path));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(admin, $"/api/v1/tracks/{Guid.NewGuid()}/stats"));
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/admin/analytics/overview")]
    [InlineData("/api/v1/admin/analytics/voice")]
    [InlineData("/api/v1/admin/analytics/realtime")]
    [InlineData("/api/v1/admin/analytics/realtime/stream")]
    public async Task Admin_routes_refuse_listeners(string path)
    {
        var listener = await app.RegisterAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(listener, path));
    }

    [Fact]
    public async Task Admins_get_the_overview_voice_and_realtime_reports()
    {
        var admin = await app.RegisterAdminAsync();
        foreach (var path in new[] { "/api/v1/admin/analytics/overview", "/api/v1/admin/analytics/voice", "/api/v1/admin/analytics/realtime" })
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(admin, path));
    }

    [Theory]
    [InlineData("/api/v1/analytics/top-tracks?period=decade", "period")]
    [InlineData("/api/v1/analytics/top-tracks?limit=0", "limit")]
    [InlineData("/api/v1/analytics/top-tracks?limit=101", "limit")]
    [InlineData("/api/v1/analytics/top-artists?period=year", "period")]
    [InlineData("/api/v1/analytics/trending?limit=-1", "limit")]
    [InlineData("/api/v1/me/history?before=yesterday-ish", "before")]
    [InlineData("/api/v1/me/history?limit=500", "limit")]
    [InlineData("/api/v1/me/stats?period=day", "period")]
    [InlineData("/api/v1/tracks/not-a-track/stats", "id")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string path, string parameter)
    {
        var listener = await app.RegisterAsync();
        using var client = app.CreateClient(listener);
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Theory]
    [InlineData("/api/v1/admin/analytics/overview?from=2026-02-30", "from")]
    [InlineData("/api/v1/admin/analytics/overview?from=2026-05-02&to=2026-05-01", "from")]
    [InlineData("/api/v1/admin/analytics/overview?from=2020-01-01&to=2026-01-01", "to")]
    [InlineData("/api/v1/admin/analytics/voice?period=fortnight", "period")]
    public async Task Bad_admin_parameters_are_400_problems(string path, string parameter)
    {
        var admin = await app.RegisterAdminAsync();
        using var client = app.CreateClient(admin);
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task A_non_numeric_limit_is_a_400_problem()
    {
        using var client = app.CreateClient(await app.RegisterAsync());
        using var response = await client.GetAsync("/api/v1/analytics/top-tracks?limit=ten");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpStatusCode> StatusAsync(Session session, string path)
    {
        using var client = app.CreateClient(session);
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }
}
