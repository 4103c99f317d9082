namespace Dexel.EventBus.Consumers;

/// <summary>
/// For a consumer without a database of its own whose handlers may run again with the same
/// effect (deletes by query): nothing is recorded, a redelivered event is simply handled again.
/// </summary>
public sealed class RepeatableEventHandling : IProcessedEventStore
{
    public async Task<bool> HandleOnceAsync(string consumer, Guid eventId, Func<CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        await handle(cancellationToken);
        return true;
    }
}
