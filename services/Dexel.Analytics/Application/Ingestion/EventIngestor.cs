using Confluent.Kafka;
using Dexel.Analytics.Application.Realtime;
using Dexel.Clients;
using Dexel.EventBus;
using Dexel.EventBus.DeadLetters;
using Microsoft.Extensions.Options;

namespace Dexel.Analytics.Application.Ingestion;

/// <summary>
/// Every topic into ClickHouse in batches (by size or time). One batch is stored while the next
/// is read, so parsing and ClickHouse's work overlap; offsets are stored only after a batch is in
/// ClickHouse and its dead letters are in Kafka, in the order the batches were read. While
/// ClickHouse refuses a batch it is retried with backoff, and once the next batch is full the
/// partitions are paused: nothing is read past what can be held.
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
    private PendingBatch _reading = new();
    private (PendingBatch Batch, Task Storing)? _storing;
    private Task _counting = Task.CompletedTask;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var config = kafka.Consumer(options.Value.GroupId);
        // Topics appear when their first event is published; notice them within seconds.
        config.TopicMetadataRefreshIntervalMs = 5_000;
        using var consumer = new ConsumerBuilder<string, byte[]>(config)
            .SetPartitionsAssignedHandler((_, assigned) => logger.LogInformation("Assigned {Count} partitions", assigned.Count))
            .SetPartitionsRevokedHandler((c, revoked) => GiveUp(c, revoked.Select(p => p.TopicPartition), "Revoked", stoppingToken))
            .SetPartitionsLostHandler((c, lost) => GiveUp(c, lost.Select(p => p.TopicPartition), "Lost", stoppingToken))
            .SetLogHandler((_, message) => logger.Log(KafkaExtensions.ToLogLevel(message.Level), "librdkafka {Facility}: {Message}", message.Facility, message.Message))
            .Build();
        consumer.Subscribe(EventTable.ByTopic.Keys);

        try
        {
            var paused = new List<TopicPartition>();
            while (!stoppingToken.IsCancellationRequested)
            {
                Take(Consume(consumer, WaitBeforeFlush()));
                if (_storing is { Storing.IsCompleted: true }) Commit(consumer);
                if (_storing is null && DueForFlush()) StartStoring(stoppingToken);
                else if (_reading.Count >= options.Value.MaxBatchSize) Hold(consumer, paused);
                if (paused.Count > 0 && _reading.Count < options.Value.MaxBatchSize)
                {
                    consumer.Resume(consumer.Assignment);
                    paused.Clear();
                }
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

    private TimeSpan WaitBeforeFlush()
    {
        if (_storing is not null) return TimeSpan.FromMilliseconds(20);
        return _reading.StartedAt is { } started
            ? TimeSpan.FromTicks(Math.Max(0, (started + options.Value.FlushInterval - DateTime.UtcNow).Ticks))
            : TimeSpan.FromMilliseconds(500);
    }

    private bool DueForFlush() =>
        !_reading.IsEmpty && (_reading.Count >= options.Value.MaxBatchSize || DateTime.UtcNow >= _reading.StartedAt + options.Value.FlushInterval);

    /// <summary>The next batch is full while the last is still being stored: read no further (a paused partition delivers nothing), but keep polling so the group keeps us.</summary>
    private static void Hold(IConsumer<string, byte[]> consumer, List<TopicPartition> paused)
    {
        var newlyAssigned = consumer.Assignment.Except(paused).ToList();
        if (newlyAssigned.Count == 0) return;
        consumer.Pause(newlyAssigned);
        paused.AddRange(newlyAssigned);
    }

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

    private void Take(ConsumeResult<string, byte[]>? message)
    {
        if (message?.Message is null || !EventTable.ByTopic.TryGetValue(message.Topic, out var table)) return;
        try
        {
            var row = EventRow.Read(table, message.Message.Value);
            if (row.Rejection() is { } reason) _reading.AddDeadLetter(message, reason);
            else _reading.Add(message, row);
        }
        catch (UnstorableEventException ex)
        {
            _reading.AddDeadLetter(message, ex.Message);
        }
    }

    private void StartStoring(CancellationToken stoppingToken)
    {
        var batch = _reading;
        _reading = new PendingBatch();
        _storing = (batch, Task.Run(() => StoreAsync(batch, stoppingToken), stoppingToken));
    }

    /// <summary>Retries until ClickHouse takes the batch (or the service stops): a batch is never dropped.</summary>
    private async Task StoreAsync(PendingBatch batch, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stored = await writer.WriteAsync(batch.Rows, stoppingToken);
                foreach (var (message, reason) in batch.DeadLetters)
                    await deadLetters.PublishAsync(message, options.Value.GroupId, reason, stoppingToken);
                health.Stored();
                logger.LogDebug("Stored {Stored} of {Count} events, {Waited} ms after the first was read", stored.Count, batch.Count, (DateTime.UtcNow - (batch.StartedAt ?? DateTime.UtcNow)).TotalMilliseconds);
                // The counters follow in order, off the path of the next batch; they never hold ingestion.
                _counting = _counting.ContinueWith(_ => realtime.Record(stored), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                health.Failed(ex);
                logger.LogWarning(ex, "Storing a batch of {Count} failed (attempt {Attempt}); reading stops at the next full batch", batch.Count, attempt);
                await Task.Delay(Backoff(attempt), stoppingToken);
            }
        }
    }

    /// <summary>On the consumer's thread, once the batch in flight is stored: its offsets are committed in the background.</summary>
    private void Commit(IConsumer<string, byte[]> consumer)
    {
        var (batch, storing) = _storing!.Value;
        _storing = null;
        storing.GetAwaiter().GetResult(); // rethrows only the service stopping
        try
        {
            foreach (var offset in batch.NextOffsets) consumer.StoreOffset(offset);
        }
        catch (KafkaException ex)
        {
            // The partition moved to another member meanwhile; it re-reads, and the writer drops what is already stored.
            logger.LogInformation(ex, "Offset not stored after a rebalance");
        }
    }

    /// <summary>
    /// Partitions are going to another member, which reads again from the last committed offset.
    /// The batch in flight finishes first (its offsets are committed with the revocation), so the
    /// new owner's duplicate lookup sees it; what was read since is dropped here and read there.
    /// Called on the consumer's thread, from inside Consume.
    /// </summary>
    private void GiveUp(IConsumer<string, byte[]> consumer, IEnumerable<TopicPartition> partitions, string how, CancellationToken stoppingToken)
    {
        var gone = partitions.ToList();
        logger.LogInformation("{How} {Count} partitions; their unstored events are read again by the next owner", how, gone.Count);
        if (_storing is { } inFlight && !stoppingToken.IsCancellationRequested)
        {
            // Bounded, because a ClickHouse outage must not hold the whole group's rebalance; then
            // the retries leave these partitions' events to their new owner.
            if (((IAsyncResult)inFlight.Storing).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5))) Commit(consumer);
            else inFlight.Batch.Forget(gone);
        }
        _reading.Forget(gone);
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(options.Value.MaxRetryDelay.TotalMilliseconds, 200 * Math.Pow(2, attempt - 1)));
}
