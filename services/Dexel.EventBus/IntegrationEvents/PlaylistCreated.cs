namespace Dexel.EventBus.IntegrationEvents;

public sealed record PlaylistCreated(Guid PlaylistId, Guid OwnerId, string Name, bool IsPublic) : IntegrationEvent
{
    public override string AggregateKey => PlaylistId.ToString();
}
