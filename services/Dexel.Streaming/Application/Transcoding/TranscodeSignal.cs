namespace Dexel.Streaming.Application.Transcoding;

/// <summary>Wakes the worker when this replica queues a job, so uploads need not wait for the next poll.</summary>
public sealed class TranscodeSignal
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Notify()
    {
        if (_signal.CurrentCount == 0) _signal.Release();
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
