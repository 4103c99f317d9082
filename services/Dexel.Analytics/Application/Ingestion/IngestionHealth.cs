using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dexel.Analytics.Application.Ingestion;

/// <summary>Degraded while batches cannot be stored: consumption is paused, nothing is lost, reports go stale.</summary>
public sealed class IngestionHealth : IHealthCheck
{
    private volatile string? _failure;

    public void Stored() => _failure = null;

    public void Failed(Exception exception) => _failure = $"{exception.GetType().Name}: {exception.Message}";

    public bool IsPaused => _failure is not null;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_failure is { } failure
            ? HealthCheckResult.Degraded($"Ingestion paused, ClickHouse does not take events: {failure}")
            : HealthCheckResult.Healthy());
}
