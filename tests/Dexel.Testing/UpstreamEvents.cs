using System.Text;
using Confluent.Kafka;
using Dexel.EventBus;

namespace Dexel.Testing;

/// <summary>
/// Plays another service's part: writes an integration event to Kafka exactly as that
/// service's outbox relay would (topic, key, headers, payload).
/// </summary>
public static class UpstreamEvents
{
    public static async Task PublishAsync(string bootstrapServers, IntegrationEvent @event)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            AllowAutoCreateTopics = true,
            Acks = Acks.All,
        }).Build();
        var topic = Topics.For(@event.GetType());
        await producer.ProduceAsync(topic, new Message<string, byte[]>
        {
            Key = @event.AggregateKey,
            Value = EventSerializer.Serialize(@event),
            Headers = new Headers
            {
                { EventHeaders.EventId, Encoding.UTF8.GetBytes(@event.EventId.ToString()) },
                { EventHeaders.EventType, Encoding.UTF8.GetBytes(topic) },
            },
        });
    }
}
