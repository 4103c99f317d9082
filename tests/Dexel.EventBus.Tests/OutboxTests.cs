using System.Text;
using Dexel.EventBus.IntegrationEvents;
using Dexel.EventBus.Outbox;
using Dexel.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dexel.EventBus.Tests;

public sealed class OutboxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_event_is_stored_in_the_same_transaction_as_its_data()
    {
        await using var host = await EventBusHost.StartAsync(withConsumer: false);
        // Freeze Kafka so the relay cannot mark the committed row published before we look.
        host.Kafka.Pause();
        var rolledBack = new PlaylistCreated(Guid.NewGuid(), Guid.NewGuid(), "rolled back", false);
        var committed = new PlaylistCreated(Guid.NewGuid(), Guid.NewGuid(), "committed", false);

        await host.WithDbAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Id = rolledBack.PlaylistId, Text = "rolled back" });
            db.AddIntegrationEvent(rolledBack);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();

            db.ChangeTracker.Clear();
            db.Notes.Add(new Note { Id = committed.PlaylistId, Text = "committed" });
            db.AddIntegrationEvent(committed);
            return await db.SaveChangesAsync();
        }));

        var (notes, events) = await host.WithDbAsync(async db => (
            await db.Notes.Select(n => n.Id).ToListAsync(),
            await db.Set<OutboxMessage>().Select(m => m.EventId).ToListAsync()));
        Assert.Equal([committed.PlaylistId], notes);
        Assert.Equal([committed.EventId], events);
        host.Kafka.Resume();
    }

    [Fact]
    public async Task With_kafka_unreachable_the_event_stays_pending_and_is_handled_once_when_kafka_is_back()
    {
        await using var host = await EventBusHost.StartAsync(withConsumer: true);
        host.Kafka.Pause();
        var created = new PlaylistCreated(Guid.NewGuid(), Guid.NewGuid(), "during outage", true);
        await host.WithDbAsync(async db =>
        {
            db.Notes.Add(new Note { Id = created.PlaylistId, Text = "x" });
            db.AddIntegrationEvent(created);
            return await db.SaveChangesAsync();
        });

        // Longer than the producer's message timeout: the relay has tried and failed by now.
        await Task.Delay(TimeSpan.FromSeconds(12));
        var pending = await host.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.EventId == created.EventId));
        Assert.Null(pending.PublishedAt);

        host.Kafka.Resume();
        await Eventually.TrueAsync(
            () => host.WithDbAsync(db => db.HandledEvents.AnyAsync(h => h.EventId == created.EventId)), Patience);
        var published = await host.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.EventId == created.EventId));
        Assert.NotNull(published.PublishedAt);

        // Give any redelivery time to show up, then count the handler's effects.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await host.WithDbAsync(db => db.HandledEvents.CountAsync(h => h.EventId == created.EventId)));
    }

    [Fact]
    public async Task A_duplicate_delivery_is_skipped()
    {
        await using var host = await EventBusHost.StartAsync(withConsumer: true);
        var created = new PlaylistCreated(Guid.NewGuid(), Guid.NewGuid(), "sent twice", true);
        using var producer = new Confluent.Kafka.ProducerBuilder<string, byte[]>(
            new Confluent.Kafka.ProducerConfig { BootstrapServers = host.Kafka.ConnectionString }).Build();
        for (var i = 0; i < 2; i++)
        {
            await producer.ProduceAsync(Topics.PlaylistCreated, new Confluent.Kafka.Message<string, byte[]>
            {
                Key = created.AggregateKey,
                Value = EventSerializer.Serialize(created),
            });
        }
        var marker = new PlaylistCreated(Guid.NewGuid(), created.OwnerId, "after the duplicate", true);
        await producer.ProduceAsync(Topics.PlaylistCreated, new Confluent.Kafka.Message<string, byte[]>
        {
            Key = created.AggregateKey, // same partition: handled after both copies
            Value = EventSerializer.Serialize(marker),
        });

        await Eventually.TrueAsync(
            () => host.WithDbAsync(db => db.HandledEvents.AnyAsync(h => h.EventId == marker.EventId)), Patience);
        Assert.Equal(1, await host.WithDbAsync(db => db.HandledEvents.CountAsync(h => h.EventId == created.EventId)));
    }

    [Fact]
    public async Task Events_of_one_key_reach_kafka_in_order_with_trace_context()
    {
        await using var host = await EventBusHost.StartAsync(withConsumer: false);
        var playlistId = Guid.NewGuid();
        var events = Enumerable.Range(0, 20)
            .Select(i => new PlaylistCreated(playlistId, Guid.NewGuid(), $"event {i}", true)).ToList();
        using (var activity = new System.Diagnostics.Activity("test").Start())
        {
            foreach (var batch in events.Chunk(5))
            {
                await host.WithDbAsync(async db =>
                {
                    foreach (var e in batch) db.AddIntegrationEvent(e);
                    return await db.SaveChangesAsync();
                });
            }
        }

        var received = await KafkaProbe.ReadAsync(host.Kafka.ConnectionString, Topics.PlaylistCreated,
            r => r.Message.Key == playlistId.ToString(), events.Count, Patience);

        Assert.Equal(events.Select(e => e.Name), received.Select(r => KafkaProbe.Json(r).GetProperty("name").GetString()));
        Assert.All(received, r => Assert.True(r.Message.Headers.TryGetLastBytes(EventHeaders.TraceParent, out var traceParent)
            && Encoding.UTF8.GetString(traceParent).StartsWith("00-")));
    }
}
