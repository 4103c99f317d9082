using Yarp.ReverseProxy.Model;

namespace Dexel.Gateway.Edge.ReverseProxy;

/// <summary>
/// Serves a segment the gateway has already located (<see cref="LocatedSegments"/>) straight from
/// the store, without asking streaming again, when the request's own signature is valid: the
/// signature is the whole authorization of media, and the gateway holds the same key as streaming.
/// Anything else, a bad or expired signature included, goes on to streaming, which explains
/// itself; so does a location the store no longer honours.
/// </summary>
public sealed class KnownSegments(RequestDelegate next, LocatedSegments located, UrlSigner signer)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value!;
        if (!MediaOffload.IsPlainGet(request)
            || context.GetReverseProxyFeature().Route.Config.RouteId != MediaOffloadTransform.MediaRoute
            || !located.TryGet(path, out var location))
        {
            await next(context);
            return;
        }

        var query = request.Query;
        string? exp = query["exp"], uid = query["uid"], sig = query["sig"];
        if (signer.Verify(path, exp, uid, sig) != SignatureCheck.Valid)
        {
            await next(context);
            return;
        }

        using var stored = await TryOpenAsync(location.Url, context.RequestAborted);
        if (stored is not { IsSuccessStatusCode: true })
        {
            located.Forget(path);
            await next(context);
            return;
        }
        var response = context.Response;
        response.ContentType = location.ContentType;
        response.Headers.CacheControl = MediaCaching.Segment(signer.Remaining(exp!));
        VaryByOrigin.AddTo(response.Headers);
        await LocatedSegments.CopyAsync(stored, context);
    }

    private static async Task<HttpResponseMessage?> TryOpenAsync(Uri url, CancellationToken ct)
    {
        try
        {
            return await LocatedSegments.OpenAsync(url, ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}

public static class KnownSegmentsExtensions
{
    /// <summary>Only where the gateway has the media key; without it every segment is located by streaming.</summary>
    public static IApplicationBuilder UseKnownSegments(this IApplicationBuilder proxy) =>
        proxy.ApplicationServices.GetService<UrlSigner>() is null ? proxy : proxy.UseMiddleware<KnownSegments>();
}
