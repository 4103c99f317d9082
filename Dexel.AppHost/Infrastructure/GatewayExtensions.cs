using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dexel.AppHost.Infrastructure;

public static class GatewayExtensions
{
    /// <summary>Logs the gateway's address once it is healthy: the one URL a person running Dexel needs (the dashboard logs its own).</summary>
    public static IResourceBuilder<ProjectResource> AnnounceWhenReady(this IResourceBuilder<ProjectResource> gateway)
    {
        // eng/run.sh asks for a fixed port (--GatewayPort) so the URL stays the same between runs.
        if (gateway.ApplicationBuilder.ExecutionContext.IsRunMode
            && int.TryParse(gateway.ApplicationBuilder.Configuration["GatewayPort"], out var port))
            gateway.WithEndpoint("http", endpoint => endpoint.Port = port);

        return gateway.OnResourceReady((resource, ready, _) =>
        {
            var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dexel");
            logger.LogInformation("Dexel is ready. Web app and API (gateway): {Url}", resource.GetEndpoint("http").Url);
            return Task.CompletedTask;
        });
    }
}
