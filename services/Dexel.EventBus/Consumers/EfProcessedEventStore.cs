using Dexel.EventBus.Outbox;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dexel.EventBus.Consumers;

/// <summary>Handler changes and the processed-event row commit together, or not at all.</summary>
public sealed class EfProcessedEventStore<TContext>(TContext db, TimeProvider clock) : IProcessedEventStore where TContext : DbContext
{
    public async Task<bool> HandleOnceAsync(string consumer, Guid eventId, Func<CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var seen = await db.Set<ProcessedEvent>()
                    .AnyAsync(p => p.Consumer == consumer && p.EventId == eventId, cancellationToken);
                if (seen) return false;

                await handle(cancellationToken);
                db.Set<ProcessedEvent>().Add(new ProcessedEvent
                {
                    Consumer = consumer,
                    EventId = eventId,
                    ProcessedAt = clock.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            });
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another replica of this consumer group handled it at the same moment.
            return false;
        }
    }
}
