using System.Text.RegularExpressions;

namespace Dexel.Gateway.Edge.WebApp;

/// <summary>
/// The listener's web app (services/Dexel.Web) on the API's origin: its files, fingerprinted and
/// precompressed, and index.html for every app route. The server's own paths never fall back to
/// the app, so an unknown API route stays a 404 problem.
/// </summary>
public static class WebAppHosting
{
    private static readonly string[] ServerPaths = ["/api", "/openapi", "/docs", "/.well-known", "/health", "/alive", "/metrics"];

    /// <summary>
    /// A published gateway has the app's files in its wwwroot; a built one (tests, eng/run.sh) finds
    /// them where the build left them, through the static web assets manifest, in any environment.
    /// </summary>
    public static void AddWebApp(this WebApplicationBuilder builder) => builder.WebHost.UseStaticWebAssets();

    public static WebApplication MapWebApp(this WebApplication app)
    {
        var serverPaths = string.Join('|', ServerPaths.Select(path => Regex.Escape(path[1..])));
        app.MapStaticAssets();
        app.MapFallbackToFile("/", "index.html");
        app.MapFallbackToFile($"{{*path:regex(^(?!({serverPaths})(/|$)).*$):nonfile}}", "index.html");
        return app;
    }

    /// <summary>
    /// The app's page may run only its own scripts (and compile its own WebAssembly), talk only to
    /// this origin (the API, media, the voice WebSocket), play media from here or from blob: URLs
    /// (hls.js feeds Media Source Extensions), and may not be framed. Operators who deliver
    /// segments from a CDN (Streaming:Delivery=Redirect) add its origin through
    /// WebApp:ContentSecurityPolicy.
    /// </summary>
    public const string DefaultContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>On every HTML answer (the app's page): the policy above, no framing, no signed URLs leaked in Referer.</summary>
    public static WebApplication UseWebAppSecurityHeaders(this WebApplication app)
    {
        var policy = app.Configuration["WebApp:ContentSecurityPolicy"] is { Length: > 0 } configured ? configured : DefaultContentSecurityPolicy;
        app.Use((context, next) =>
        {
            if (!IsWebApp(context.Request.Path)) return next(context);
            context.Response.OnStarting(() =>
            {
                var response = context.Response;
                if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    response.Headers.ContentSecurityPolicy = policy;
                    response.Headers.XFrameOptions = "DENY";
                    response.Headers["Referrer-Policy"] = "same-origin";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>The app's files and pages cost no API budget: one page load fetches dozens of them.</summary>
    public static bool IsWebApp(PathString path) => !ServerPaths.Any(serverPath => path.StartsWithSegments(serverPath));
}
