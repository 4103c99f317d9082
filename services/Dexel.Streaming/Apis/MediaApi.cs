using System.Security.Cryptography;
using System.Text;
using Dexel.Streaming.Infrastructure.Storage;
using Dexel.Streaming.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Minio.Exceptions;

namespace Dexel.Streaming.Apis;

/// <summary>
/// Signed media delivery. The gateway forwards /api/v1/media anonymously: the URL's signature
/// is the whole authorization, checked before anything is read. Answers go through ASP.NET Core's
/// file results, which implement RFC 9110's HEAD, ranges (suffix ranges, If-Range, 416 with
/// Content-Range) and conditional requests (weak comparison, lists and * in If-None-Match).
/// </summary>
public static class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/v1/media/{trackId:guid}/{file}", [HttpMethods.Get, HttpMethods.Head], GetAsync)
            .WithTags("Media").AllowAnonymous();
        return app;
    }

    private static async Task<IResult> GetAsync(
        Guid trackId, string file, string? exp, string? uid, string? sig, HttpContext http,
        UrlSigner signer, PlaylistCache playlists, MediaStore store, OffloadUrls offloadUrls, IOptions<StreamingOptions> options, CancellationToken ct)
    {
        var check = signer.Verify(http.Request.Path.Value!, exp, uid, sig);
        if (check != SignatureCheck.Valid) return Forbidden(check);
        if (MediaFiles.KindOf(file) is not { } kind) return NotFound(file);
        var remaining = signer.Remaining(exp!);
        IgnoreRangesInOtherUnits(http.Request);

        try
        {
            if (kind == MediaKind.Segment)
            {
                var key = MediaFiles.ObjectKey(trackId, file);
                if (options.Value.Delivery == DeliveryMode.Redirect)
                {
                    http.Response.Headers.CacheControl = MediaCaching.Redirect(remaining);
                    return TypedResults.Redirect(await store.PresignGetAsync(key, remaining));
                }
                http.Response.Headers.CacheControl = MediaCaching.Segment(remaining);
                if (MediaOffload.IsPlainGet(http.Request))
                {
                    // The gateway fetches the bytes from the store itself, so they cross one process, not two.
                    if (http.Request.Headers.ContainsKey(MediaOffload.AcceptHeader))
                        return new OffloadedSegment(await offloadUrls.GetAsync(key));
                    return await store.OpenAsync(key, ct) is { } streamed ? new StreamedSegment(streamed) : NotFound(file);
                }
                if (await store.ReadAsync(key, ct) is not { } segment) return NotFound(file);
                return TypedResults.Bytes(segment.Content, MediaFiles.ContentType(kind),
                    lastModified: segment.LastModified, entityTag: EntityTagHeaderValue.Parse(segment.ETag), enableRangeProcessing: true);
            }

            var stored = await playlists.GetAsync(trackId, file, ct);
            if (stored is null) return NotFound(file);
            Func<string, string> sign = child => signer.Sign(MediaFiles.PublicPath(trackId, child), exp!, uid!);
            var body = Encoding.UTF8.GetBytes(kind == MediaKind.DashManifest ? PlaylistRewriter.RewriteDash(stored, sign) : PlaylistRewriter.RewriteHls(stored, sign));
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
            http.Response.Headers.CacheControl = MediaCaching.Playlist(remaining);
            return TypedResults.Bytes(body, $"{MediaFiles.ContentType(kind)}; charset=utf-8", entityTag: etag, enableRangeProcessing: true);
        }
        catch (Exception ex) when (ex is MinioException or HttpRequestException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Object store error",
                detail: $"The object store could not be read ({ex.GetType().Name}); try again.");
        }
    }

    /// <summary>A segment streamed from the store to the client, copied once, never held whole.</summary>
    private sealed class StreamedSegment(ObjectStream segment) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            using (segment)
            {
                var response = http.Response;
                response.ContentType = MediaFiles.ContentType(MediaKind.Segment);
                response.ContentLength = segment.Length;
                response.Headers.AcceptRanges = "bytes";
                if (segment.ETag is { } etag) response.Headers.ETag = etag;
                if (segment.LastModified is { } modified) response.Headers.LastModified = modified.ToString("R");
                await segment.CopyToAsync(response.BodyWriter, http.RequestAborted);
            }
        }
    }

    /// <summary>
    /// No bytes, only where they are: the gateway reads this answer's headers, fetches the URL and
    /// sends the object on (see <see cref="MediaOffload"/>).
    /// </summary>
    private sealed class OffloadedSegment(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = MediaFiles.ContentType(MediaKind.Segment);
            http.Response.Headers[MediaOffload.UrlHeader] = url;
            http.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
    }

    /// <summary>RFC 9110 14.2: a Range in a unit we do not know is ignored (the framework would read "items=0-1" as bytes).</summary>
    private static void IgnoreRangesInOtherUnits(HttpRequest request)
    {
        var range = request.Headers.Range.ToString();
        if (range.Length > 0 && !range.TrimStart().StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)) request.Headers.Remove(HeaderNames.Range);
    }

    private static ProblemHttpResult Forbidden(SignatureCheck check) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Invalid media URL", detail: check switch
        {
            SignatureCheck.Missing => "Media URLs must carry exp, uid and sig; get them from GET /api/v1/tracks/{id}/stream.",
            SignatureCheck.Expired => "This media URL has expired; request a new one from GET /api/v1/tracks/{id}/stream.",
            _ => "The signature does not match this URL.",
        });

    private static ProblemHttpResult NotFound(string file) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Media not found", detail: $"This track has no file '{file}'.");
}
