using System.Net;

namespace Dexel.Streaming.Tests;

/// <summary>Signed media answers players on any origin (without credentials); the API keeps its configured origins.</summary>
[Collection(StreamingCollection.Name)]
public sealed class MediaCorsTests(StreamingFixture app)
{
    private const string PlayerOrigin = "http://127.0.0.1:8099";

    [Fact]
    public async Task A_preflight_from_any_origin_is_allowed_for_ranged_and_conditional_reads_without_credentials()
    {
        var sample = await app.SampleAsync();
        foreach (var url in new[] { sample.Master, sample.Manifest, sample.Segments[0] })
        {
            var preflight = new HttpRequestMessage(HttpMethod.Options, url);
            preflight.Headers.Add("Origin", PlayerOrigin);
            preflight.Headers.Add("Access-Control-Request-Method", "GET");
            preflight.Headers.Add("Access-Control-Request-Headers", "range,if-none-match");
            using var response = await app.CreateClient().SendAsync(preflight);

            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
            Assert.Contains("range", Single(response, "Access-Control-Allow-Headers").ToLowerInvariant());
            Assert.Contains("if-none-match", Single(response, "Access-Control-Allow-Headers").ToLowerInvariant());
            Assert.Contains("GET", Single(response, "Access-Control-Allow-Methods"));
            Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        }
    }

    [Fact]
    public async Task Cross_origin_answers_expose_the_range_and_validation_headers_and_vary_by_origin()
    {
        var sample = await app.SampleAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, sample.Segments[0]);
        request.Headers.Add("Origin", PlayerOrigin);
        request.Headers.TryAddWithoutValidation("Range", "bytes=-100");
        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        var exposed = Single(response, "Access-Control-Expose-Headers").Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList();
        Assert.Superset(new HashSet<string> { "content-range", "content-length", "accept-ranges", "etag" }, exposed.ToHashSet());
        Assert.Contains("Origin", response.Headers.Vary);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Answers_without_an_origin_still_vary_by_origin_so_a_cache_keeps_them_apart()
    {
        var sample = await app.SampleAsync();
        using var media = app.CreateClient();
        foreach (var url in new[] { sample.Master, sample.Segments[0] })
        {
            using var response = await media.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
            Assert.Contains("Origin", response.Headers.Vary);
        }
    }

    [Fact]
    public async Task A_refused_media_url_still_tells_a_cross_origin_player_why()
    {
        var sample = await app.SampleAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, sample.Segments[0].Replace("sig=", "sig=x"));
        request.Headers.Add("Origin", PlayerOrigin);
        using var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_api_itself_still_answers_only_configured_origins()
    {
        var sample = await app.SampleAsync();
        foreach (var (origin, allowed) in new[] { (PlayerOrigin, false), ("http://localhost:3000", true) })
        {
            var preflight = new HttpRequestMessage(HttpMethod.Options, $"/api/v1/tracks/{sample.TrackId}/stream");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "GET");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
            using var response = await app.CreateClient().SendAsync(preflight);
            Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
        }
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.GetValues(header));
}
