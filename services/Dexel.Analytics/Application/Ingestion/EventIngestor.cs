using System.Text.Json;
using Confluent.Kafka;
using Dexel.Analytics.Application.Realtime;
using Dexel.Clients;
using Dexel.EventBus;
using Dexel.EventBus.DeadLetters;
using Microsoft.Extensions.Options;

namespace Dexel.Analytics.Application.Ingestion;

/// <summary>
/// Every topic into ClickHouse in batches (by size or time). Offsets are stored only after the
/// batch is in ClickHouse and its dead letters are in Kafka. While ClickHouse refuses a batch,
/// the partitions are paused and the batch retried with backoff; nothing is read past it.
/// </summary>
internal sealed class EventIngestor(
    KafkaSettings kafka,
    EventWriter writer,
    DeadLetterPublisher deadLetters,
    RealtimeCounters realtime,
    IngestionHealth health,
    IOptions<IngestionOptions> options,
    ILogger<EventIngestor> logger) : BackgroundService
{
    private readonly PendingBatch _batch = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var config = kafka.Consumer(options.Value.GroupId);
        // Topics appear when their first event is published; notice them within seconds.
        config.TopicMetadataRefreshIntervalMs = 5_000;
        using var consumer = new ConsumerBuilder<string, byte[]>(config)
            .SetPartitionsAssignedHandler((_, assigned) => logger.LogInformation("Assigned {Count} partitions", assigned.Count))
            .SetPartitionsRevokedHandler((_, revoked) =>
            {
                logger.LogInformation("Revoked {Count} partitions; their pending events are read again by the next owner", revoked.Count);
                _batch.Forget(revoked.Select(p => p.TopicPartition));
            })
            .SetPartitionsLostHandler((_, lost) =>
            {
                logger.LogWarning("Lost {Count} partitions; their pending events are read again by the next owner", lost.Count);
                _batch.Forget(lost.Select(p => p.TopicPartition));
            })
            .SetLogHandler((_, message) => logger.Log(KafkaExtensions.ToLogLevel(message.Level), "librdkafka {Facility}: {Message}", message.Facility, message.Message))
            .Build();
        consumer.Subscribe(EventTable.ByTopic.Keys);

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Take(consumer, Consume(consumer, WaitBeforeFlush()));
                if (DueForFlush()) await FlushAsync(consumer, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            consumer.Close();
        }
    }

    private TimeSpan WaitBeforeFlush() =>
        _batch.StartedAt is { } started
            ? TimeSpan.FromTicks(Math.Max(0, (started + options.Value.FlushInterval - DateTime.UtcNow).Ticks))
            : TimeSpan.FromMilliseconds(500);

    private bool DueForFlush() =>
        !_batch.IsEmpty && (_batch.Count >= options.Value.MaxBatchSize || DateTime.UtcNow >= _batch.StartedAt + options.Value.FlushInterval);

    private ConsumeResult<string, byte[]>? Consume(IConsumer<string, byte[]> consumer, TimeSpan wait)
    {
        try
        {
            return consumer.Consume(wait);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            logger.LogWarning(ex, "Consume failed; retrying");
            return null;
        }
    }

    private void Take(IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]>? message)
    {
        if (message?.Message is null) return;
        if (!EventTable.ByTopic.ContainsKey(message.Topic)) return;
        try
        {
            var @event = EventSerializer.Deserialize(message.Message.Value, Topics.EventTypeOf(message.Topic));
            if (EventTable.Reject(@event) is { } reason) _batch.AddDeadLetter(message, reason);
            else _batch.Add(message, @event);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
        {
            _batch.AddDeadLetter(message, $"Unreadable payload: {ex.Message}");
        }
    }

    private async Task FlushAsync(IConsumer<string, byte[]> consumer, CancellationToken stoppingToken)
    {
        var paused = new List<TopicPartition>();
        IReadOnlyList<IntegrationEvent> stored;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                stored = await writer.WriteAsync(_batch.Events, stoppingToken);
                await PublishDeadLettersAsync(stoppingToken);
                health.Stored();
                break;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                health.Failed(ex);
                logger.LogWarning(ex, "Storing a batch of {Count} failed (attempt {Attempt}); consumption paused", _batch.Count, attempt);
                var newlyAssigned = consumer.Assignment.Except(paused).ToList();
                consumer.Pause(newlyAssigned);
                paused.AddRange(newlyAssigned);
                await KeepGroupMembershipAsync(consumer, Backoff(attempt), stoppingToken);
            }
        }

        try
        {
            foreach (var offset in _batch.NextOffsets) consumer.StoreOffset(offset);
        }
        catch (KafkaException ex)
        {
            // The partition moved to another member meanwhile; it re-reads, and the writer drops what is already stored.
            logger.LogInformation(ex, "Offset not stored after a rebalance");
        }
        if (paused.Count > 0) consumer.Resume(consumer.Assignment);
        logger.LogDebug("Stored {Stored} of {Count} events, waited {Waited} ms", stored.Count, _batch.Count, (DateTime.UtcNow - _batch.StartedAt!.Value).TotalMilliseconds);
        realtime.Record(stored);
        _batch.Clear();
    }

    private async Task PublishDeadLettersAsync(CancellationToken cancellationToken)
    {
        foreach (var (message, reason) in _batch.DeadLetters)
            await deadLetters.PublishAsync(message, options.Value.GroupId, reason, cancellationToken);
    }

    /// <summary>Polls (paused partitions deliver nothing) so the group does not evict us during an outage.</summary>
    private async Task KeepGroupMembershipAsync(IConsumer<string, byte[]> consumer, TimeSpan delay, CancellationToken stoppingToken)
    {
        var until = DateTime.UtcNow + delay;
        while (DateTime.UtcNow < until)
        {
            stoppingToken.ThrowIfCancellationRequested();
            // Partitions assigned during the outage are not paused yet; what they deliver joins the batch.
            Take(consumer, Consume(consumer, TimeSpan.FromMilliseconds(100)));
            await Task.Yield();
        }
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(options.Value.MaxRetryDelay.TotalMilliseconds, 200 * Math.Pow(2, attempt - 1)));
}
