using Dexel.EventBus.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Dexel.EventBus.Tests;

/// <summary>A stand-in service database: some business data, what a consumer did, and the event-bus tables.</summary>
public sealed class EventBusTestContext(DbContextOptions<EventBusTestContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<HandledEvent> HandledEvents => Set<HandledEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddEventBusTables();
}

public sealed class Note
{
    public Guid Id { get; set; }
    public required string Text { get; set; }
}

public sealed class HandledEvent
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public required string Name { get; set; }
}
