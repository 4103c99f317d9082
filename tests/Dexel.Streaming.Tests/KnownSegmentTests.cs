using System.Net;
using System.Text;
using Dexel.Testing;
using Microsoft.Extensions.Hosting;

namespace Dexel.Streaming.Tests;

/// <summary>
/// A segment the gateway has located once is served by the gateway alone, straight from the
/// store, to any request whose own signature is valid: the same bytes and headers as through
/// streaming. Every other request still needs streaming, which the test stops to prove who answers.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class KnownSegmentTests(StreamingFixture app)
{
    [Fact]
    public async Task A_located_segment_is_served_without_streaming_to_valid_signatures_only()
    {
        var sample = await app.SampleAsync();
        // A segment no other test asks for, so the first request below is the one that locates it.
        var segment = sample.Segments[2];
        var path = new Uri(new Uri("http://gateway"), segment).AbsolutePath;
        var signer = new UrlSigner(Encoding.UTF8.GetBytes(app.SigningKey), TimeProvider.System);
        var anotherListeners = signer.Sign(path, DateTimeOffset.UtcNow.AddMinutes(3), Guid.NewGuid());
        var expired = signer.Sign(path, DateTimeOffset.UtcNow.AddSeconds(-1), sample.Owner.UserId);
        var tampered = segment.Replace("sig=", "sig=x");
        using var gateway = app.CreateClient();

        using var located = await gateway.GetAsync(segment);
        Assert.Equal(HttpStatusCode.OK, located.StatusCode);
        var bytes = await located.Content.ReadAsByteArrayAsync();

        await app.StopServiceAsync("streaming");
        try
        {
            using var again = await gateway.GetAsync(segment);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
            Assert.Equal(HeaderNames(located), HeaderNames(again));
            foreach (var name in new[] { "Content-Type", "Content-Length", "ETag", "Last-Modified", "Accept-Ranges", "Vary" })
                Assert.Equal(Header(located, name), Header(again, name));
            Assert.Equal(located.Headers.CacheControl!.Public, again.Headers.CacheControl!.Public);
            Assert.InRange(again.Headers.CacheControl.MaxAge!.Value, located.Headers.CacheControl.MaxAge!.Value - TimeSpan.FromSeconds(30), located.Headers.CacheControl.MaxAge.Value);

            // Any listener's valid signature will do, and the answer lives only as long as that URL.
            using var other = await gateway.GetAsync(anotherListeners);
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Equal(bytes, await other.Content.ReadAsByteArrayAsync());
            Assert.InRange(other.Headers.CacheControl!.MaxAge!.Value, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3));

            // Without a valid signature, or for anything but a plain GET, only streaming may answer.
            foreach (var request in new[]
            {
                new HttpRequestMessage(HttpMethod.Get, tampered),
                new HttpRequestMessage(HttpMethod.Get, expired),
                new HttpRequestMessage(HttpMethod.Head, segment),
                new HttpRequestMessage(HttpMethod.Get, segment) { Headers = { Range = new(0, 99) } },
            })
            {
                using (request)
                using (var refused = await gateway.SendAsync(request))
                    Assert.True(refused.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable,
                        $"{request.Method} {request.RequestUri} with streaming stopped: {(int)refused.StatusCode}");
            }
        }
        finally
        {
            await app.StartServiceAsync("streaming");
            // The gateway's circuit to streaming stays open a few seconds after it is back.
            await Eventually.TrueAsync(async () =>
            {
                using var head = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Head, segment));
                return head.StatusCode == HttpStatusCode.OK;
            }, TimeSpan.FromSeconds(30), "the gateway should reach streaming again");
        }
    }

    private static string[] HeaderNames(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers).Select(h => h.Key)
            .Where(name => name is not ("Date" or "X-Correlation-Id")).Order(StringComparer.OrdinalIgnoreCase).ToArray();

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.GetValues(name));
}
