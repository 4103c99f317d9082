namespace Dexel.EventBus.IntegrationEvents;

public sealed record TrackPublished(
    Guid TrackId,
    Guid OwnerId,
    string Title,
    string Artist,
    string? Album,
    string? Genre,
    long DurationMs,
    IReadOnlyList<int> BitratesKbps) : IntegrationEvent
{
    public override string AggregateKey => TrackId.ToString();
}
