using Dexel.Analytics.Infrastructure;
using Dexel.EventBus.Consumers;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.IntegrationEvents;

/// <summary>
/// A deleted track's title, artist and uploader leave the catalog copy, so no report or
/// recommendation names it again; its anonymous play counts stay.
/// </summary>
public sealed class TrackDeletedHandler(AnalyticsStore store) : IIntegrationEventHandler<TrackDeleted>
{
    public Task HandleAsync(TrackDeleted @event, CancellationToken cancellationToken) =>
        store.ExecuteAsync($"ALTER TABLE tracks DELETE WHERE track_id = {Sql.Uuid(@event.TrackId)}", cancellationToken);
}
