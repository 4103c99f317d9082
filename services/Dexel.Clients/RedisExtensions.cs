using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Dexel.Clients;

public static class RedisExtensions
{
    /// <summary>
    /// Aspire's Redis client (builder.AddRedisClient(name): one multiplexer, the
    /// "StackExchange.Redis" health check, tracing) for a service that keeps working without Redis:
    /// its health check reports <paramref name="failureStatus"/> (Degraded for a cache) instead of Unhealthy.
    /// </summary>
    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName, HealthStatus failureStatus)
    {
        builder.AddRedisClient(connectionName);
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            foreach (var check in options.Registrations.Where(r => r.Name.StartsWith("StackExchange.Redis")))
                check.FailureStatus = failureStatus;
        });
        return builder;
    }
}
