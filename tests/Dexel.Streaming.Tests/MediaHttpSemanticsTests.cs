using System.Net;
using System.Net.Http.Headers;

namespace Dexel.Streaming.Tests;

/// <summary>RFC 9110 on the media routes, through the gateway: HEAD, every range form, If-Range and conditional requests.</summary>
[Collection(StreamingCollection.Name)]
public sealed class MediaHttpSemanticsTests(StreamingFixture app)
{
    [Fact]
    public async Task Head_answers_wherever_get_does_with_the_same_headers_and_no_body()
    {
        var sample = await app.SampleAsync();
        using var media = app.CreateClient();
        foreach (var url in new[] { sample.Master, sample.Variant, sample.Manifest, sample.Init, sample.Segments[0] })
        {
            using var get = await media.GetAsync(url);
            using var head = await media.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {url}: {(int)head.StatusCode}");
            Assert.Equal((await get.Content.ReadAsByteArrayAsync()).Length, head.Content.Headers.ContentLength);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
            Assert.Equal("bytes", Assert.Single(head.Headers.AcceptRanges));
        }
    }

    public static TheoryData<string, int, int> SatisfiableRanges => new()
    {
        // header (L stands for the length), first byte, last byte; negative numbers count from the end.
        { "bytes=0-99", 0, 99 },
        { "bytes=100-", 100, -1 },
        { "bytes=-100", -100, -1 },
        { "bytes=-1", -1, -1 },
        { "bytes=10-10", 10, 10 },
        { "bytes=0-999999999", 0, -1 },
        { "bytes=-999999999", 0, -1 },
        { "bytes=L-1-", -1, -1 },
    };

    [Theory]
    [MemberData(nameof(SatisfiableRanges))]
    public async Task A_satisfiable_range_returns_exactly_those_bytes(string range, int first, int last)
    {
        var (url, whole) = await SegmentAsync();
        using var response = await SendAsync(url, r => r.Headers.TryAddWithoutValidation("Range", Resolve(range, whole.Length)));
        var from = first < 0 ? whole.Length + first : first;
        var to = last < 0 ? whole.Length + last : last;

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {from}-{to}/{whole.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(to - from + 1, response.Content.Headers.ContentLength);
        Assert.Equal(whole[from..(to + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=-0")]
    [InlineData("bytes=L-")]
    [InlineData("bytes=L-L")]
    public async Task An_unsatisfiable_range_is_416_with_the_length(string range)
    {
        var (url, whole) = await SegmentAsync();
        using var response = await SendAsync(url, r => r.Headers.TryAddWithoutValidation("Range", Resolve(range, whole.Length)));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{whole.Length}", response.Content.Headers.ContentRange!.ToString());
    }

    [Theory]
    [InlineData("bytes=0-1,10-20")]
    [InlineData("bytes=abc")]
    [InlineData("items=0-1")]
    [InlineData("bytes=5-2")]
    public async Task Several_or_unusable_ranges_get_the_whole_file_as_a_plain_200(string range)
    {
        var (url, whole) = await SegmentAsync();
        using var response = await SendAsync(url, r => r.Headers.TryAddWithoutValidation("Range", range));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentRange);
        Assert.Equal(whole, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task If_range_serves_the_part_only_while_the_validator_still_matches()
    {
        var (url, whole) = await SegmentAsync();
        using var full = await app.CreateClient().GetAsync(url);
        var etag = full.Headers.ETag!.Tag;
        var modified = full.Content.Headers.LastModified!.Value;

        foreach (var (ifRange, expected) in new[]
        {
            (etag, HttpStatusCode.PartialContent),
            ("\"another-version\"", HttpStatusCode.OK),
            ("W/" + etag, HttpStatusCode.OK), // If-Range needs a strong match
            (modified.ToString("R"), HttpStatusCode.PartialContent),
            (modified.AddDays(-1).ToString("R"), HttpStatusCode.OK),
        })
        {
            using var response = await SendAsync(url, r =>
            {
                r.Headers.TryAddWithoutValidation("Range", "bytes=0-99");
                r.Headers.TryAddWithoutValidation("If-Range", ifRange);
            });
            Assert.True(expected == response.StatusCode, $"If-Range {ifRange}: {(int)response.StatusCode}");
            Assert.Equal(expected == HttpStatusCode.OK ? whole : whole[..100], await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task If_none_match_compares_weakly_and_accepts_lists_and_star_on_segments_and_playlists()
    {
        var sample = await app.SampleAsync();
        foreach (var url in new[] { sample.Segments[0], sample.Variant, sample.Manifest })
        {
            using var full = await app.CreateClient().GetAsync(url);
            var etag = full.Headers.ETag!.Tag;
            foreach (var (ifNoneMatch, expected) in new[]
            {
                (etag, HttpStatusCode.NotModified),
                ("W/" + etag, HttpStatusCode.NotModified),
                ($"\"other\", {etag}", HttpStatusCode.NotModified),
                ("*", HttpStatusCode.NotModified),
                ("\"other\"", HttpStatusCode.OK),
            })
            {
                using var response = await SendAsync(url, r => r.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch));
                Assert.True(expected == response.StatusCode, $"{url} If-None-Match {ifNoneMatch}: {(int)response.StatusCode}");
                if (expected != HttpStatusCode.NotModified) continue;
                // A 304 carries what a 200 would have said about caching and validation.
                Assert.Equal(etag, response.Headers.ETag?.Tag);
                Assert.Equal(full.Headers.CacheControl!.Public, response.Headers.CacheControl!.Public);
                Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            }
        }
    }

    [Fact]
    public async Task If_modified_since_is_not_modified_from_the_last_modification_on_and_yields_to_if_none_match()
    {
        var (url, _) = await SegmentAsync();
        using var full = await app.CreateClient().GetAsync(url);
        var modified = full.Content.Headers.LastModified!.Value;

        using (var same = await SendAsync(url, r => r.Headers.IfModifiedSince = modified))
        {
            Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
            Assert.Equal(full.Headers.ETag, same.Headers.ETag);
        }
        using (var earlier = await SendAsync(url, r => r.Headers.IfModifiedSince = modified.AddSeconds(-1)))
            Assert.Equal(HttpStatusCode.OK, earlier.StatusCode);
        using (var changedTag = await SendAsync(url, r =>
        {
            r.Headers.IfModifiedSince = modified;
            r.Headers.TryAddWithoutValidation("If-None-Match", "\"other\"");
        }))
            Assert.Equal(HttpStatusCode.OK, changedTag.StatusCode);
    }

    [Fact]
    public async Task Caches_may_keep_media_no_longer_than_its_url_is_valid()
    {
        var sample = await app.SampleAsync();
        var remaining = sample.ExpiresAt - DateTimeOffset.UtcNow;
        using var media = app.CreateClient();

        using var segment = await media.GetAsync(sample.Segments[0]);
        var caching = segment.Headers.CacheControl!;
        Assert.True(caching.Public && caching.MustRevalidate, caching.ToString());
        Assert.InRange(caching.MaxAge!.Value, remaining - TimeSpan.FromMinutes(2), remaining);
        Assert.Contains("immutable", caching.Extensions.Select(e => e.Name));

        foreach (var url in new[] { sample.Master, sample.Variant, sample.Manifest })
        {
            using var playlist = await media.GetAsync(url);
            Assert.True(playlist.Headers.CacheControl!.Private, url);
            Assert.InRange(playlist.Headers.CacheControl.MaxAge!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        }
    }

    private async Task<(string Url, byte[] Whole)> SegmentAsync()
    {
        var sample = await app.SampleAsync();
        var whole = await app.CreateClient().GetByteArrayAsync(sample.Segments[0]);
        Assert.True(whole.Length > 1000);
        return (sample.Segments[0], whole);
    }

    private async Task<HttpResponseMessage> SendAsync(string url, Action<HttpRequestMessage> configure)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure(request);
        return await app.CreateClient().SendAsync(request);
    }

    private static string Resolve(string range, int length) =>
        range.Replace("L-1", (length - 1).ToString()).Replace("L", length.ToString());
}
