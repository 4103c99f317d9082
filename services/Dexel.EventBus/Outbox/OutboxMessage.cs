namespace Dexel.EventBus.Outbox;

/// <summary>An event waiting in the service's own database to be published; the id orders publication.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public required string Topic { get; set; }
    public required string Key { get; set; }
    public required byte[] Payload { get; set; }
    public string? TraceParent { get; set; }
    public string? TraceState { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>An event a consumer group has already handled; its key makes redelivery a no-op.</summary>
public sealed class ProcessedEvent
{
    public Guid EventId { get; set; }
    public required string Consumer { get; set; }
    public DateTime ProcessedAt { get; set; }
}
