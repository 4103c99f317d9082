using System.Security.Cryptography;
using System.Text;
using Dexel.Streaming.Model;
using Dexel.Streaming.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dexel.Streaming.Apis;

/// <summary>
/// Signed media delivery. The gateway forwards /api/v1/media anonymously: the URL's signature
/// is the whole authorization, checked before anything is read.
/// </summary>
public static class MediaApi
{
    private const string PlaylistCaching = "private, max-age=10";
    private const string SegmentCaching = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/media/{trackId:guid}/{file}", GetAsync).WithTags("Media").AllowAnonymous();
        return app;
    }

    private static async Task<IResult> GetAsync(
        Guid trackId, string file, string? exp, string? uid, string? sig, HttpContext http,
        UrlSigner signer, PlaylistCache playlists, MediaStore store, TimeProvider time, IOptions<StreamingOptions> options, CancellationToken ct)
    {
        var check = signer.Verify(http.Request.Path.Value!, exp, uid, sig);
        if (check != SignatureCheck.Valid) return Forbidden(check);
        if (MediaFiles.KindOf(file) is not { } kind) return NotFound(file);

        if (kind == MediaKind.Segment)
        {
            var key = MediaFiles.ObjectKey(trackId, file);
            if (options.Value.Delivery == DeliveryMode.Redirect)
            {
                var remaining = DateTimeOffset.FromUnixTimeSeconds(long.Parse(exp!)) - time.GetUtcNow();
                http.Response.Headers.CacheControl = "private, max-age=60";
                return TypedResults.Redirect(await store.PresignGetAsync(key, remaining));
            }
            var upstream = await store.OpenAsync(key, http.Request.Headers.Range, http.Request.Headers.IfNoneMatch, ct);
            return new ProxiedObjectResult(upstream, MediaFiles.ContentType(kind), SegmentCaching, http.Request.Headers.IfNoneMatch);
        }

        var stored = await playlists.GetAsync(trackId, file, ct);
        if (stored is null) return NotFound(file);
        Func<string, string> sign = child => signer.Sign(MediaFiles.PublicPath(trackId, child), exp!, uid!);
        var body = kind == MediaKind.DashManifest ? PlaylistRewriter.RewriteDash(stored, sign) : PlaylistRewriter.RewriteHls(stored, sign);

        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..32]}\"";
        http.Response.Headers.CacheControl = PlaylistCaching;
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Contains(etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Text(body, MediaFiles.ContentType(kind), Encoding.UTF8);
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
