using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Dexel.Gateway.Edge;

/// <summary>
/// CORS headers are added only when a request carries an Origin, so every answer of a route with
/// a CORS policy depends on it. Vary: Origin tells shared caches (segments are cacheable) not to
/// hand a copy made without CORS headers to a cross-origin player.
/// </summary>
public sealed class VaryByOrigin : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context) { }

    public void ValidateCluster(TransformClusterValidationContext context) { }

    public void Apply(TransformBuilderContext context)
    {
        if (string.IsNullOrEmpty(context.Route.CorsPolicy)) return;
        context.AddResponseTransform(transform =>
        {
            AddTo(transform.HttpContext.Response.Headers);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>For answers of a CORS route the gateway writes itself, without the proxy's transforms.</summary>
    public static void AddTo(IHeaderDictionary headers)
    {
        if (!headers.Vary.Any(value => value is not null && value.Contains(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase)))
            headers.Append(HeaderNames.Vary, HeaderNames.Origin);
    }
}
