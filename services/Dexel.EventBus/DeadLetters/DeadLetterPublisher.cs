using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dexel.EventBus.DeadLetters;

/// <summary>
/// Sets aside an event a consumer cannot parse or store: it goes, unchanged, to
/// <c>&lt;topic&gt;.deadletter</c> with the reason and its original position in headers, and is
/// counted, so the partition keeps moving and nothing is silently dropped.
/// </summary>
public sealed class DeadLetterPublisher(IProducer<string, byte[]> producer, IMeterFactory meters, ILogger<DeadLetterPublisher> logger)
{
    public const string Suffix = ".deadletter";
    public const string ReasonHeader = "dlq-reason";
    public const string TopicHeader = "dlq-topic";
    public const string PartitionHeader = "dlq-partition";
    public const string OffsetHeader = "dlq-offset";
    public const string ConsumerHeader = "dlq-consumer";

    // Prometheus: dexel_eventbus_dead_lettered_total{topic, consumer}.
    private readonly Counter<long> _deadLettered = meters.Create(DexelTelemetry.SourceName).CreateCounter<long>(
        "eventbus.dead_lettered", unit: null, description: "Events set aside in a dead-letter topic");

    public static string TopicFor(string topic) => topic + Suffix;

    /// <summary>Publishes and waits for the broker's acknowledgement; throws if Kafka cannot take it.</summary>
    public async Task PublishAsync(ConsumeResult<string, byte[]> original, string consumer, string reason, CancellationToken cancellationToken)
    {
        var headers = new Headers();
        foreach (var header in original.Message.Headers ?? []) headers.Add(header.Key, header.GetValueBytes());
        headers.Add(ReasonHeader, Encoding.UTF8.GetBytes(reason));
        headers.Add(TopicHeader, Encoding.UTF8.GetBytes(original.Topic));
        headers.Add(PartitionHeader, Encoding.UTF8.GetBytes(original.Partition.Value.ToString()));
        headers.Add(OffsetHeader, Encoding.UTF8.GetBytes(original.Offset.Value.ToString()));
        headers.Add(ConsumerHeader, Encoding.UTF8.GetBytes(consumer));

        await producer.ProduceAsync(TopicFor(original.Topic), new Message<string, byte[]>
        {
            Key = original.Message.Key,
            Value = original.Message.Value,
            Headers = headers,
        }, cancellationToken);
        _deadLettered.Add(1, new KeyValuePair<string, object?>("topic", original.Topic), new KeyValuePair<string, object?>("consumer", consumer));
        logger.LogError("Dead-lettered {TopicPartitionOffset} for {Consumer}: {Reason}", original.TopicPartitionOffset, consumer, reason);
    }
}
