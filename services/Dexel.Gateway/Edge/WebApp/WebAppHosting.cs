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

    /// <summary>The app's files and pages cost no API budget: one page load fetches dozens of them.</summary>
    public static bool IsWebApp(PathString path) => !ServerPaths.Any(serverPath => path.StartsWithSegments(serverPath));
}
