using Dexel.EventBus.Consumers;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.EventBus.Tests;

/// <summary>Writes what it handled into the same database, so a test can count real effects.</summary>
public sealed class RecordingHandler(EventBusTestContext db) : IIntegrationEventHandler<PlaylistCreated>
{
    public Task HandleAsync(PlaylistCreated @event, CancellationToken cancellationToken)
    {
        db.HandledEvents.Add(new HandledEvent { EventId = @event.EventId, Name = @event.Name });
        return Task.CompletedTask;
    }
}
