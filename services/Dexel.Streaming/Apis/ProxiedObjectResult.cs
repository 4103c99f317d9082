using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Primitives;

namespace Dexel.Streaming.Apis;

/// <summary>
/// Relays an object-store response (full, ranged or not-modified) to the client as it arrives,
/// under our content type and caching policy.
/// </summary>
public sealed class ProxiedObjectResult(HttpResponseMessage upstream, string contentType, string cacheControl, StringValues ifNoneMatch) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        using var _ = upstream;
        var status = (int)upstream.StatusCode;
        if (status == StatusCodes.Status404NotFound || status == StatusCodes.Status403Forbidden)
        {
            // The object store says 403 for a missing key when listing is not allowed.
            await TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Media not found",
                detail: "This segment does not exist.").ExecuteAsync(http);
            return;
        }
        if (status >= 500)
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Object store error",
                detail: $"The object store answered {status}; try again.").ExecuteAsync(http);
            return;
        }

        var response = http.Response;
        var etag = upstream.Headers.ETag?.ToString();
        response.Headers.CacheControl = cacheControl;
        response.Headers.AcceptRanges = "bytes";
        if (etag is not null) response.Headers.ETag = etag;
        if (upstream.Content.Headers.LastModified is { } modified) response.Headers.LastModified = modified.ToString("R");

        // Answer If-None-Match ourselves too, in case the store ignored it.
        if (status == StatusCodes.Status304NotModified || (etag is not null && ifNoneMatch.Contains(etag)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = status;
        if (status == StatusCodes.Status416RangeNotSatisfiable)
        {
            if (upstream.Content.Headers.ContentRange is { } unsatisfiable) response.Headers.ContentRange = unsatisfiable.ToString();
            return;
        }
        response.ContentType = contentType;
        if (upstream.Content.Headers.ContentLength is { } length) response.ContentLength = length;
        if (upstream.Content.Headers.ContentRange is { } range) response.Headers[HeaderNames.ContentRange] = range.ToString();
        await using var body = await upstream.Content.ReadAsStreamAsync(http.RequestAborted);
        await body.CopyToAsync(response.Body, http.RequestAborted);
    }
}
