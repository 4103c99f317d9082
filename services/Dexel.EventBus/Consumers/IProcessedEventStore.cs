namespace Dexel.EventBus.Consumers;

/// <summary>
/// Remembers which events a consumer group has handled, so a redelivered event is skipped.
/// A service with its own Postgres database uses <see cref="EfProcessedEventStore{TContext}"/>,
/// which records the event in the same transaction as the handler's changes.
/// </summary>
public interface IProcessedEventStore
{
    /// <returns>false when the event had already been handled, and <paramref name="handle"/> did not run.</returns>
    Task<bool> HandleOnceAsync(string consumer, Guid eventId, Func<CancellationToken, Task> handle, CancellationToken cancellationToken);
}
