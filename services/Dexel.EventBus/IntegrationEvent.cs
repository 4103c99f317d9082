namespace Dexel.EventBus;

/// <summary>
/// Every message on Kafka: a unique id consumers de-duplicate on, when it happened, and the
/// aggregate it belongs to (the message key, so events of one entity stay in order).
/// </summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();
    public DateTime OccurredAt { get; init; } = DateTime.UtcNow;

    public abstract string AggregateKey { get; }
}
