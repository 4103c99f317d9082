using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dexel.Streaming.Model;
using Microsoft.Extensions.Hosting;

namespace Dexel.Streaming.Tests;

/// <summary>
/// Segments through the gateway come from the object store on the gateway's own connection
/// (streaming answers with where they are): the same bytes and validators as streaming serving
/// them itself, the store's location never shown to a client, and a clean problem when it fails.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class MediaOffloadTests(StreamingFixture app)
{
    [Fact]
    public async Task A_segment_through_the_gateway_is_the_stored_object_with_its_validators()
    {
        var sample = await app.SampleAsync();
        using var gateway = app.CreateClient();
        using var streaming = new HttpClient { BaseAddress = app.System.UrlOf("streaming") };

        using var offloaded = await gateway.GetAsync(sample.Segments[1]);
        using var served = await streaming.GetAsync(sample.Segments[1]);

        Assert.Equal(HttpStatusCode.OK, offloaded.StatusCode);
        var bytes = await offloaded.Content.ReadAsByteArrayAsync();
        Assert.Equal(await served.Content.ReadAsByteArrayAsync(), bytes);
        Assert.Equal(bytes.Length, offloaded.Content.Headers.ContentLength);
        Assert.Equal(served.Headers.ETag, offloaded.Headers.ETag);
        Assert.Equal(served.Content.Headers.LastModified, offloaded.Content.Headers.LastModified);
        Assert.Equal("audio/mp4", offloaded.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", Assert.Single(offloaded.Headers.AcceptRanges));
        Assert.Contains("immutable", offloaded.Headers.CacheControl!.Extensions.Select(e => e.Name));
        Assert.False(offloaded.Headers.Contains(MediaOffload.UrlHeader));
    }

    [Fact]
    public async Task Streaming_answers_the_gateway_with_a_location_and_everyone_else_with_bytes()
    {
        var sample = await app.SampleAsync();
        using var streaming = new HttpClient { BaseAddress = app.System.UrlOf("streaming") };
        using var asked = new HttpRequestMessage(HttpMethod.Get, sample.Segments[1]);
        asked.Headers.Add(MediaOffload.AcceptHeader, "1");

        using var located = await streaming.SendAsync(asked);
        Assert.Equal(HttpStatusCode.OK, located.StatusCode);
        Assert.Empty(await located.Content.ReadAsByteArrayAsync());
        var location = new Uri(Assert.Single(located.Headers.GetValues(MediaOffload.UrlHeader)));
        Assert.Contains("X-Amz-Signature=", location.Query);

        // A client that sends the same header to the gateway still gets the bytes, never the location.
        using var gateway = app.CreateClient();
        using var client = new HttpRequestMessage(HttpMethod.Get, sample.Segments[1]);
        client.Headers.Add(MediaOffload.AcceptHeader, "1");
        using var answered = await gateway.SendAsync(client);
        Assert.True((await answered.Content.ReadAsByteArrayAsync()).Length > 1000);
        Assert.False(answered.Headers.Contains(MediaOffload.UrlHeader));
    }

    [Fact]
    public async Task A_signed_segment_missing_from_the_store_is_a_404_problem_that_no_cache_keeps()
    {
        var sample = await app.SampleAsync();
        var signer = new UrlSigner(System.Text.Encoding.UTF8.GetBytes(app.SigningKey), TimeProvider.System);
        var missing = signer.Sign(MediaFiles.PublicPath(sample.TrackId, "chunk-0-99999.m4s"), DateTimeOffset.UtcNow.AddMinutes(5), sample.Owner.UserId);

        using var response = await app.CreateClient().GetAsync(missing);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Media not found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Null(response.Headers.CacheControl);
    }
}
