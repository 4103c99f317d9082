namespace Dexel.EventBus.IntegrationEvents;

public sealed record VoiceCommandHandled(Guid CommandId, Guid UserId, string Transcript, string Intent, bool Succeeded) : IntegrationEvent
{
    public override string AggregateKey => UserId.ToString();
}
