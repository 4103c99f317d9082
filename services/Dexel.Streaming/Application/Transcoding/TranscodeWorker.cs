using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Dexel.Streaming.Application.Transcoding;

/// <summary>
/// Polls the job table and runs up to <see cref="TranscodingOptions.EffectiveConcurrency"/> jobs
/// at once, each under a lease it renews while it works.
/// </summary>
public sealed class TranscodeWorker(
    JobQueue queue,
    TranscodeSignal signal,
    IServiceScopeFactory scopes,
    IOptions<TranscodingOptions> options,
    TranscodeMetrics metrics,
    ILogger<TranscodeWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var slots = new SemaphoreSlim(settings.EffectiveConcurrency);
        logger.LogInformation("Transcoding up to {Concurrency} tracks at once", settings.EffectiveConcurrency);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                ClaimedJob? job = null;
                try
                {
                    job = await queue.ClaimAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not claim a transcode job; retrying");
                }

                if (job is null)
                {
                    slots.Release();
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(settings.PollMilliseconds), stoppingToken);
                    continue;
                }
                _running[job.TrackId] = RunAsync(job, slots, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(_running.Values);
    }

    private async Task RunAsync(ClaimedJob job, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var lease = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewLeaseAsync(job, lease);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var processor = scope.ServiceProvider.GetRequiredService<TranscodeJobProcessor>();
            await processor.ProcessAsync(job, lease.Token);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Shutting down; track {TrackId} goes back to the queue", job.TrackId);
            await queue.ReleaseAsync(job.TrackId, CancellationToken.None);
        }
        catch (OperationCanceledException) when (lease.IsCancellationRequested)
        {
            logger.LogWarning("Lost the lease on track {TrackId}; another worker has it", job.TrackId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Transcoding track {TrackId} failed on attempt {Attempt}; retrying later", job.TrackId, job.Attempt);
            metrics.Ended("retry");
            await TryAsync(() => queue.RetryLaterAsync(job.TrackId, job.Attempt, ex.Message, CancellationToken.None));
        }
        finally
        {
            await lease.CancelAsync();
            await renewal;
            _running.TryRemove(job.TrackId, out _);
            slots.Release();
        }
    }

    private async Task RenewLeaseAsync(ClaimedJob job, CancellationTokenSource lease)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaseSeconds / 3.0));
        try
        {
            while (true)
            {
                await Task.Delay(interval, lease.Token);
                if (!await queue.RenewAsync(job.TrackId, lease.Token))
                {
                    await lease.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            // The database is unreachable; the lease will lapse and the job be retried elsewhere.
            logger.LogWarning(ex, "Could not renew the lease on track {TrackId}", job.TrackId);
        }
    }

    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not record a transcode job's outcome; its lease will lapse and it will be retried");
        }
    }
}
