using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Dexel.EventBus.Outbox;

public static class OutboxModelBuilderExtensions
{
    /// <summary>Adds the outbox and processed-event tables to a service's model (and so its migrations).</summary>
    public static ModelBuilder AddEventBusTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).UseIdentityAlwaysColumn();
            outbox.Property(m => m.Topic).HasMaxLength(200);
            outbox.Property(m => m.Key).HasMaxLength(200);
            outbox.Property(m => m.TraceParent).HasMaxLength(100);
            outbox.Property(m => m.TraceState).HasMaxLength(500);
            outbox.HasIndex(m => m.Id).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
        });

        modelBuilder.Entity<ProcessedEvent>(processed =>
        {
            processed.ToTable("processed_events");
            processed.HasKey(p => new { p.Consumer, p.EventId });
            processed.Property(p => p.Consumer).HasMaxLength(200);
        });

        return modelBuilder;
    }

    /// <summary>
    /// Stages an event in the outbox; it is written by the caller's next SaveChanges, in the
    /// same transaction as the data it describes, and published by the relay afterwards.
    /// </summary>
    public static void AddIntegrationEvent(this DbContext db, IntegrationEvent @event)
    {
        var activity = Activity.Current;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            EventId = @event.EventId,
            Topic = Topics.For(@event.GetType()),
            Key = @event.AggregateKey,
            Payload = EventSerializer.Serialize(@event),
            TraceParent = activity?.Id,
            TraceState = activity?.TraceStateString,
            CreatedAt = @event.OccurredAt,
        });
    }
}
