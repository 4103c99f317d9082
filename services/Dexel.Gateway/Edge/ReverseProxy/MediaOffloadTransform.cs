using System.Net;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Dexel.Gateway.Edge.ReverseProxy;

/// <summary>
/// The gateway's half of <see cref="MediaOffload"/> on the media route: it tells streaming it can
/// fetch segments itself, and when streaming answers with a URL instead of the bytes, it remembers
/// the location (see <see cref="KnownSegments"/>) and streams the object from the store into the
/// client's response. Only the media route's upstream (our streaming service) can ask for this.
/// </summary>
public sealed class MediaOffloadTransform(LocatedSegments located, ILogger<MediaOffloadTransform> logger) : ITransformProvider
{
    public const string MediaRoute = "media";

    public void ValidateRoute(TransformRouteValidationContext context) { }

    public void ValidateCluster(TransformClusterValidationContext context) { }

    public void Apply(TransformBuilderContext context)
    {
        if (context.Route.RouteId != MediaRoute) return;
        context.AddRequestHeader(MediaOffload.AcceptHeader, "1", append: false);
        context.AddResponseTransform(async transform =>
        {
            if (transform.ProxyResponse?.Headers.TryGetValues(MediaOffload.UrlHeader, out var urls) != true) return;
            transform.HttpContext.Response.Headers.Remove(MediaOffload.UrlHeader);
            transform.SuppressResponseBody = true;
            await SendStoredAsync(transform.HttpContext, urls!.First());
        });
    }

    private async Task SendStoredAsync(HttpContext context, string url)
    {
        var response = context.Response;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            await FailAsync(context, StatusCodes.Status502BadGateway, "Media unavailable", "The streaming service named no valid media location.");
            return;
        }
        try
        {
            using var stored = await LocatedSegments.OpenAsync(uri, context.RequestAborted);
            if (stored.StatusCode == HttpStatusCode.NotFound)
            {
                await FailAsync(context, StatusCodes.Status404NotFound, "Media not found", "This track has no such file.");
                return;
            }
            if (!stored.IsSuccessStatusCode)
            {
                await FailAsync(context, StatusCodes.Status502BadGateway, "Object store error",
                    $"The object store answered {(int)stored.StatusCode}; try again.");
                return;
            }
            located.Remember(context.Request.Path.Value!, new SegmentLocation(uri, response.ContentType));
            await LocatedSegments.CopyAsync(stored, context);
        }
        catch (HttpRequestException ex) when (!response.HasStarted)
        {
            logger.LogWarning(ex, "The object store could not be read for an offloaded segment");
            await FailAsync(context, StatusCodes.Status502BadGateway, "Object store error", "The object store could not be read; try again.");
        }
    }

    /// <summary>A problem in place of the segment: none of the segment's headers may stay on it (a cacheable 404 would outlive the fault).</summary>
    private static Task FailAsync(HttpContext context, int status, string title, string detail)
    {
        var headers = context.Response.Headers;
        headers.Remove(HeaderNames.CacheControl);
        headers.Remove(HeaderNames.ContentLength);
        headers.Remove(HeaderNames.ContentType);
        return GatewayProblems.WriteAsync(context, status, title, detail);
    }
}
