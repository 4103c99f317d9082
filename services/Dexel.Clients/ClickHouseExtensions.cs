using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Dexel.Clients;

/// <summary>ClickHouse's HTTP interface, from "Host=..;Port=..;Username=..;Password=..;Database=..".</summary>
public sealed record ClickHouseSettings(string ConnectionString, Uri HttpEndpoint, string Database, string User, string Password);

/// <summary>The ClickHouse client's settings, under <c>Aspire:ClickHouse:Client</c> (no Aspire integration is served for it).</summary>
public sealed class ClickHouseClientSettings : ClientSettings
{
    public bool DisableTracing { get; set; }
}

public static class ClickHouseExtensions
{
    public const string Section = "Aspire:ClickHouse:Client";

    /// <summary>
    /// <see cref="ClickHouseSettings"/> for the service's store, its database created at start-up,
    /// a "ClickHouse" health check reporting <paramref name="failureStatus"/> (Degraded where the
    /// service works on without it), and the driver's spans.
    /// </summary>
    public static IHostApplicationBuilder AddClickHouseClient(this IHostApplicationBuilder builder, string connectionName,
        HealthStatus failureStatus = HealthStatus.Unhealthy, Action<ClickHouseClientSettings>? configureSettings = null)
    {
        var clientSettings = ConnectionStrings.Bind(builder, Section, connectionName, configureSettings);
        var parts = ConnectionStrings.Parse(clientSettings.ConnectionString!);
        var settings = new ClickHouseSettings(
            clientSettings.ConnectionString!,
            new Uri($"http://{parts.GetValueOrDefault("Host", "localhost")}:{parts.GetValueOrDefault("Port", "8123")}"),
            parts.GetValueOrDefault("Database", "default"),
            parts.GetValueOrDefault("Username", "default"),
            parts.GetValueOrDefault("Password", ""));
        builder.Services.AddSingleton(settings);
        builder.Services.AddHttpClient(nameof(ClickHouseHealthCheck), client => client.BaseAddress = settings.HttpEndpoint);
        if (!clientSettings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                "ClickHouse",
                services => new ClickHouseHealthCheck(services.GetRequiredService<IHttpClientFactory>()),
                failureStatus,
                tags: null,
                timeout: clientSettings.HealthCheckTimeout ?? TimeSpan.FromSeconds(3)));
        }
        if (!clientSettings.DisableTracing)
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource("ClickHouse.*"));
        }
        builder.Services.AddHostedService<ClickHouseDatabaseCreator>();
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

/// <summary>Creates the service's ClickHouse database at start-up, as EF migrations do for Postgres.</summary>
internal sealed class ClickHouseDatabaseCreator(IHttpClientFactory httpClientFactory, ClickHouseSettings settings) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var client = httpClientFactory.CreateClient(nameof(ClickHouseHealthCheck));
        // Query-string credentials: the only form ClickHouse 18.16 (our CI's server) accepts too.
        var uri = $"/?user={Uri.EscapeDataString(settings.User)}&password={Uri.EscapeDataString(settings.Password)}";
        using var response = await client.PostAsync(uri, new StringContent($"CREATE DATABASE IF NOT EXISTS `{settings.Database}`"), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
