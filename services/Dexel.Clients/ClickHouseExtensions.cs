using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Dexel.Clients;

/// <summary>ClickHouse's HTTP interface, from "Host=..;Port=..;Username=..;Password=..;Database=..".</summary>
public sealed record ClickHouseSettings(string ConnectionString, Uri HttpEndpoint, string Database);

public static class ClickHouseExtensions
{
    public static IHostApplicationBuilder AddClickHouseSettings(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = ConnectionStrings.Require(builder.Configuration, connectionName);
        var parts = ConnectionStrings.Parse(connectionString);
        var settings = new ClickHouseSettings(
            connectionString,
            new Uri($"http://{parts.GetValueOrDefault("Host", "localhost")}:{parts.GetValueOrDefault("Port", "8123")}"),
            parts.GetValueOrDefault("Database", "default"));
        builder.Services.AddSingleton(settings);
        builder.Services.AddHttpClient(nameof(ClickHouseHealthCheck), client => client.BaseAddress = settings.HttpEndpoint);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            "ClickHouse",
            services => new ClickHouseHealthCheck(services.GetRequiredService<IHttpClientFactory>()),
            HealthStatus.Unhealthy,
            tags: null,
            timeout: TimeSpan.FromSeconds(3)));
        return builder;
    }
}

internal sealed class ClickHouseHealthCheck(IHttpClientFactory httpClientFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = httpClientFactory.CreateClient(nameof(ClickHouseHealthCheck));
            using var response = await client.GetAsync("/ping", cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"ClickHouse answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy("ClickHouse is unreachable", ex);
        }
    }
}
