namespace Dexel.EventBus.IntegrationEvents;

/// <summary>
/// A track left the catalog (its uploader or an admin deleted it, or its uploader's account was
/// deleted); its media is gone. Consumers drop every copy and reference they keep.
/// </summary>
public sealed record TrackDeleted(Guid TrackId, Guid OwnerId) : IntegrationEvent
{
    public override string AggregateKey => TrackId.ToString();
}
