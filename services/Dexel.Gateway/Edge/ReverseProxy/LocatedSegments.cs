using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.Extensions.Caching.Memory;

namespace Dexel.Gateway.Edge.ReverseProxy;

/// <summary>Where a segment is in the object store, as streaming last said, and what type it is.</summary>
public sealed record SegmentLocation(Uri Url, string? ContentType);

/// <summary>
/// The gateway's reads from the object store for offloaded segments (<see cref="MediaOffload"/>),
/// and the locations streaming gave it, remembered by media path for less time than streaming
/// promises they stay valid. The store is asked with a bare GET: none of the client's headers go with it.
/// </summary>
public sealed class LocatedSegments
{
    private static readonly TimeSpan RememberFor = MediaOffload.LocationLeastLife / 2;

    private static readonly HttpMessageInvoker Store = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    // A segment is about 160 KB, so this many locations cover far more hot media than one gateway sends.
    private readonly MemoryCache _locations = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public void Remember(string path, SegmentLocation location) =>
        _locations.Set(path, location, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = RememberFor });

    public bool TryGet(string path, [NotNullWhen(true)] out SegmentLocation? location) => _locations.TryGetValue(path, out location);

    public void Forget(string path) => _locations.Remove(path);

    public static Task<HttpResponseMessage> OpenAsync(Uri url, CancellationToken ct) =>
        Store.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), ct);

    /// <summary>Sends a stored object on with its validators, reading straight into Kestrel's buffers.</summary>
    public static async Task CopyAsync(HttpResponseMessage stored, HttpContext context)
    {
        var response = context.Response;
        response.ContentLength = stored.Content.Headers.ContentLength;
        response.Headers.AcceptRanges = "bytes";
        if (stored.Headers.ETag is { } etag) response.Headers.ETag = etag.ToString();
        if (stored.Content.Headers.LastModified is { } modified) response.Headers.LastModified = modified.ToString("R");
        await using var body = await stored.Content.ReadAsStreamAsync(context.RequestAborted);
        await body.CopyInLargeChunksAsync(response.BodyWriter, context.RequestAborted);
    }
}
