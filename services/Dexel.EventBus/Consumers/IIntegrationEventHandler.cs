namespace Dexel.EventBus.Consumers;

/// <summary>Handles one event type. Called at most once per event id for a consumer group (see <see cref="IProcessedEventStore"/>).</summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent @event, CancellationToken cancellationToken);
}
