using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Dexel.Clients;
using Dexel.EventBus.DeadLetters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dexel.EventBus.Consumers;

/// <summary>
/// Consumes a group's topics, dispatches each event to its handler once (by event id), and only
/// then stores the offset, so a crash redelivers rather than loses. An event that cannot be
/// parsed, or that still fails after retries, goes to its dead-letter topic. Trace context
/// continues from the message headers.
/// </summary>
internal sealed class IntegrationEventConsumer(
    EventConsumerRegistration registration,
    KafkaSettings kafka,
    IServiceScopeFactory scopeFactory,
    DeadLetterPublisher deadLetters,
    ILogger<IntegrationEventConsumer> logger) : BackgroundService
{
    private const int MaxAttempts = 8;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Consume() blocks; give it a thread of its own rather than a pool thread.
        Task.Factory.StartNew(() => ConsumeLoopAsync(stoppingToken), stoppingToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task ConsumeLoopAsync(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(kafka.Consumer(registration.GroupId))
            .SetLogHandler((_, message) => logger.Log(KafkaExtensions.ToLogLevel(message.Level), "librdkafka {Facility}: {Message}", message.Facility, message.Message))
            .Build();
        consumer.Subscribe(registration.Handlers.Keys);
        logger.LogInformation("Consumer group {Group} subscribed to {Topics}", registration.GroupId, string.Join(", ", registration.Handlers.Keys));

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<string, byte[]>? result;
                try
                {
                    result = consumer.Consume(stoppingToken);
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    logger.LogWarning(ex, "Consume failed; retrying");
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }

                if (result?.Message is null) continue;
                await HandleWithRetriesAsync(result, stoppingToken);
                consumer.StoreOffset(result);
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

    private async Task HandleWithRetriesAsync(ConsumeResult<string, byte[]> result, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await HandleAsync(result, stoppingToken);
                return;
            }
            catch (JsonException ex)
            {
                await DeadLetterAsync(result, $"Unreadable payload: {ex.Message}", stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < MaxAttempts)
            {
                var delay = TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1));
                logger.LogWarning(ex, "Handling {TopicPartitionOffset} failed (attempt {Attempt}); retrying in {Delay}", result.TopicPartitionOffset, attempt, delay);
                await Task.Delay(delay, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A poison event must not stall the partition forever.
                await DeadLetterAsync(result, $"Failed {attempt} times: {ex.GetType().Name}: {ex.Message}", stoppingToken);
                return;
            }
        }
    }

    /// <summary>Keeps trying while Kafka is away: the offset must not move past an event that is nowhere.</summary>
    private async Task DeadLetterAsync(ConsumeResult<string, byte[]> result, string reason, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await deadLetters.PublishAsync(result, registration.GroupId, reason, stoppingToken);
                return;
            }
            catch (KafkaException ex)
            {
                logger.LogWarning(ex, "Dead-lettering {TopicPartitionOffset} failed (attempt {Attempt})", result.TopicPartitionOffset, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), stoppingToken);
            }
        }
    }

    private async Task HandleAsync(ConsumeResult<string, byte[]> result, CancellationToken cancellationToken)
    {
        var topic = result.Topic;
        var @event = EventSerializer.Deserialize(result.Message.Value, Topics.EventTypeOf(topic));

        using var activity = DexelTelemetry.ActivitySource.StartActivity(
            $"{topic} process", ActivityKind.Consumer, ParentContext(result.Message.Headers));
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.message.id", @event.EventId.ToString());

        await using var scope = scopeFactory.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IProcessedEventStore>();
        var handled = await store.HandleOnceAsync(registration.GroupId, @event.EventId,
            token => registration.Handlers[topic](scope.ServiceProvider, @event, token), cancellationToken);
        if (!handled)
        {
            logger.LogDebug("Event {EventId} already handled by {Group}; skipped", @event.EventId, registration.GroupId);
        }
    }

    private static ActivityContext ParentContext(Headers? headers)
    {
        if (headers is null || !headers.TryGetLastBytes(EventHeaders.TraceParent, out var traceParent)) return default;
        headers.TryGetLastBytes(EventHeaders.TraceState, out var traceState);
        return ActivityContext.TryParse(Encoding.UTF8.GetString(traceParent),
            traceState is null ? null : Encoding.UTF8.GetString(traceState), out var context) ? context : default;
    }
}
