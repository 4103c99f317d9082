using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dexel.AppHost.Orchestration;

/// <summary>
/// Restarts a service whose process ended by itself (a crash, an OOM kill, kill -9) in a local
/// run, as Kubernetes does in a cluster; the orchestrator alone would leave it stopped. A
/// service stopped on purpose (the dashboard's Stop) passes through "Stopping" first and is left
/// alone. Restarts back off from 1 s to 30 s while a service keeps crashing. Once the AppHost
/// itself is stopping (Ctrl+C) every exit is expected: the orchestrator tears services down
/// before this service's own token is cancelled, so the application's stopping token decides.
/// </summary>
internal sealed class CrashedServiceRestarter(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<CrashedServiceRestarter> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);

    private sealed class Tracked
    {
        public string? LastState;
        public int Crashes;
        public DateTime RunningSince;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var services = model.Resources.OfType<ProjectResource>().Select(r => r.Name).ToHashSet();
        var tracked = new Dictionary<string, Tracked>();
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (!services.Contains(change.Resource.Name)) continue;
                var state = change.Snapshot.State?.Text;
                var service = tracked.TryGetValue(change.ResourceId, out var known) ? known : tracked[change.ResourceId] = new Tracked();
                var previous = service.LastState;
                service.LastState = state;
                if (state == KnownResourceStates.Running && previous != KnownResourceStates.Running)
                {
                    if (DateTime.UtcNow - service.RunningSince > StableAfter) service.Crashes = 0;
                    service.RunningSince = DateTime.UtcNow;
                }
                var crashed = previous == KnownResourceStates.Running
                    && (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished);
                if (crashed && !lifetime.ApplicationStopping.IsCancellationRequested) _ = RestartAsync(change.Resource, change.ResourceId, change.Snapshot.ExitCode, ++service.Crashes, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RestartAsync(IResource resource, string resourceId, int? exitCode, int crashes, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, crashes - 1)));
        logger.LogWarning("{Service} exited by itself (exit code {ExitCode}); restarting in {Delay} s (crash {Crashes} in a row)",
            resource.Name, exitCode?.ToString() ?? "unknown", delay.TotalSeconds, crashes);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(delay, stopping.Token);
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stopping.Token);
            if (result.Success) logger.LogInformation("{Service} restarted", resource.Name);
            else logger.LogError("{Service} could not be restarted: {Error}", resource.Name, result.Message);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
