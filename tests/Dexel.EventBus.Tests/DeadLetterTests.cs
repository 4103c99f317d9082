using System.Text;
using Confluent.Kafka;
using Dexel.EventBus.DeadLetters;
using Dexel.EventBus.IntegrationEvents;
using Dexel.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dexel.EventBus.Tests;

public sealed class DeadLetterTests
{
    [Fact]
    public async Task A_poison_event_goes_to_the_dead_letter_topic_with_its_position_and_the_next_one_is_handled()
    {
        await using var host = await EventBusHost.StartAsync(withConsumer: true);
        var key = Guid.NewGuid().ToString();
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = host.Kafka.ConnectionString }).Build();
        var poison = await producer.ProduceAsync(Topics.PlaylistCreated,
            new Message<string, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes("{not json") });
        var next = new PlaylistCreated(Guid.NewGuid(), Guid.NewGuid(), "after the poison", true);
        await producer.ProduceAsync(Topics.PlaylistCreated,
            new Message<string, byte[]> { Key = key, Value = EventSerializer.Serialize(next) }); // same partition, behind it

        await Eventually.TrueAsync(
            () => host.WithDbAsync(db => db.HandledEvents.AnyAsync(h => h.EventId == next.EventId)), TimeSpan.FromSeconds(60));
        var dead = Assert.Single(await KafkaProbe.ReadAsync(host.Kafka.ConnectionString, DeadLetterPublisher.TopicFor(Topics.PlaylistCreated),
            m => m.Message.Key == key, expected: 1, TimeSpan.FromSeconds(30)));

        Assert.Equal("{not json", Encoding.UTF8.GetString(dead.Message.Value));
        Assert.Equal(poison.Partition.Value.ToString(), Header(dead, DeadLetterPublisher.PartitionHeader));
        Assert.Equal(poison.Offset.Value.ToString(), Header(dead, DeadLetterPublisher.OffsetHeader));
        Assert.Equal(Topics.PlaylistCreated, Header(dead, DeadLetterPublisher.TopicHeader));
        Assert.Contains("Unreadable payload", Header(dead, DeadLetterPublisher.ReasonHeader));
    }

    private static string Header(ConsumeResult<string, byte[]> message, string name) =>
        Encoding.UTF8.GetString(message.Message.Headers.GetLastBytes(name));
}
