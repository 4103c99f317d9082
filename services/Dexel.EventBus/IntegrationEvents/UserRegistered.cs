namespace Dexel.EventBus.IntegrationEvents;

public sealed record UserRegistered(Guid UserId, string Email, string DisplayName, string Tier) : IntegrationEvent
{
    public override string AggregateKey => UserId.ToString();
}
