namespace Dexel.EventBus.IntegrationEvents;

/// <summary>
/// An account was deleted at its owner's request and its sessions ended. Every service deletes
/// what the user owns and any personal data it keeps about them (see docs/your-data.md).
/// </summary>
public sealed record UserDeleted(Guid UserId) : IntegrationEvent
{
    public override string AggregateKey => UserId.ToString();
}
