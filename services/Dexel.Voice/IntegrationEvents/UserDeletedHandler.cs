using Dexel.EventBus.Consumers;
using Dexel.EventBus.IntegrationEvents;
using Dexel.Voice.Infrastructure;
using Dexel.Voice.Model;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Voice.IntegrationEvents;

/// <summary>A deleted account's command history goes (by query, so a retry after a partial failure is safe).</summary>
public sealed class UserDeletedHandler(VoiceDbContext db) : IIntegrationEventHandler<UserDeleted>
{
    public Task HandleAsync(UserDeleted @event, CancellationToken cancellationToken) =>
        db.Set<VoiceCommand>().Where(c => c.UserId == @event.UserId).ExecuteDeleteAsync(cancellationToken);
}
