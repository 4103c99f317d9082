namespace Dexel.EventBus.IntegrationEvents;

/// <param name="LatencyMs">From the end of speech to the answer, when the voice service measured it.</param>
public sealed record VoiceCommandHandled(Guid CommandId, Guid UserId, string Transcript, string Intent, bool Succeeded, int? LatencyMs = null) : IntegrationEvent
{
    public override string AggregateKey => UserId.ToString();
}
