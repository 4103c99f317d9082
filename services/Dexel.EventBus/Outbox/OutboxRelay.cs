using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dexel.EventBus.Outbox;

public sealed class OutboxRelayOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);
    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// Publishes outbox rows to Kafka in id order, at least once. One relay per database publishes
/// at a time (a Postgres advisory lock), which keeps per-key order across replicas. On a Kafka
/// outage the rows stay pending and the relay retries with backoff until Kafka is back.
/// </summary>
internal sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopeFactory,
    IProducer<string, byte[]> producer,
    OutboxSignal signal,
    IOptions<OutboxRelayOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext
{
    // Any constant works as long as every replica of a service uses the same one for its own database.
    private static readonly long LockKey = 0x0D_E7_E1_00_0B + typeof(TContext).FullName!.Length;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await PublishPendingAsync(stoppingToken);
                backoff = options.Value.PollInterval;
                if (result == BatchResult.MoreWaiting) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox relay could not publish; retrying in {Backoff}", backoff);
                await Task.Delay(backoff, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.Value.MaxBackoff.Ticks));
                continue;
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    internal enum BatchResult { Drained, MoreWaiting, Locked }

    internal async Task<BatchResult> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = await db.Database
                .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"")
                .SingleAsync(cancellationToken);
            if (!locked) return BatchResult.Locked;

            var batch = await db.Set<OutboxMessage>()
                .Where(m => m.PublishedAt == null)
                .OrderBy(m => m.Id)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0) return BatchResult.Drained;

            Exception? failure = null;
            foreach (var message in batch)
            {
                try
                {
                    using var publish = StartPublishActivity(message);
                    await producer.ProduceAsync(message.Topic, ToKafkaMessage(message, publish), cancellationToken);
                    message.PublishedAt = clock.GetUtcNow().UtcDateTime;
                }
                catch (ProduceException<string, byte[]> ex)
                {
                    // Stop at the first failure so later events of the same key never overtake it.
                    message.Attempts++;
                    message.LastError = ex.Error.Reason;
                    failure = ex;
                    break;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (failure is not null) throw new KafkaUnavailableException(failure);
            return batch.Count == options.Value.BatchSize ? BatchResult.MoreWaiting : BatchResult.Drained;
        });
    }

    /// <summary>
    /// The publish as a span of the trace that wrote the event (not of the relay's poll), so the
    /// trace shows the hop through Kafka and its consumers continue from it.
    /// </summary>
    private static Activity? StartPublishActivity(OutboxMessage message)
    {
        if (message.TraceParent is null || !ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent)) return null;
        var activity = DexelTelemetry.ActivitySource.StartActivity($"{message.Topic} publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.destination.name", message.Topic);
        activity?.SetTag("messaging.message.id", message.EventId.ToString());
        return activity;
    }

    private static Message<string, byte[]> ToKafkaMessage(OutboxMessage message, Activity? publish)
    {
        var headers = new Headers
        {
            { EventHeaders.EventId, Encoding.UTF8.GetBytes(message.EventId.ToString()) },
            { EventHeaders.EventType, Encoding.UTF8.GetBytes(message.Topic) },
        };
        var traceParent = publish?.Id ?? message.TraceParent;
        var traceState = publish?.TraceStateString ?? message.TraceState;
        if (traceParent is not null) headers.Add(EventHeaders.TraceParent, Encoding.UTF8.GetBytes(traceParent));
        if (traceState is not null) headers.Add(EventHeaders.TraceState, Encoding.UTF8.GetBytes(traceState));
        return new Message<string, byte[]> { Key = message.Key, Value = message.Payload, Headers = headers };
    }
}

internal sealed class KafkaUnavailableException(Exception inner)
    : Exception("Kafka did not accept an outbox message; it stays pending.", inner);
