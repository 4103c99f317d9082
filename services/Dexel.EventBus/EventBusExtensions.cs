using Dexel.Clients;
using Dexel.EventBus.Consumers;
using Dexel.EventBus.DeadLetters;
using Dexel.EventBus.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Dexel.EventBus;

public static class EventBusExtensions
{
    /// <summary>
    /// Publishing through the service's transactional outbox: the Kafka producer, the relay,
    /// and the wake-up signal. Pair with <see cref="UseOutboxSignal"/> on the DbContext options.
    /// </summary>
    public static IHostApplicationBuilder AddEventPublishing<TContext>(this IHostApplicationBuilder builder, string kafkaConnectionName)
        where TContext : DbContext
    {
        builder.AddKafkaProducer(kafkaConnectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();
        builder.Services.AddOptions<OutboxRelayOptions>().BindConfiguration("EventBus:Outbox");
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        return builder;
    }

    public static DbContextOptionsBuilder UseOutboxSignal(this DbContextOptionsBuilder options, IServiceProvider services) =>
        options.AddInterceptors(services.GetRequiredService<OutboxSignalInterceptor>());

    /// <summary>
    /// A consumer group named <paramref name="groupId"/> that remembers handled events in
    /// <typeparamref name="TContext"/>'s processed_events table.
    /// </summary>
    public static EventConsumerBuilder AddEventConsumer<TContext>(this IHostApplicationBuilder builder, string groupId)
        where TContext : DbContext
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<IProcessedEventStore, EfProcessedEventStore<TContext>>();
        return builder.AddEventConsumer(groupId);
    }

    /// <summary>
    /// A consumer group whose <see cref="IProcessedEventStore"/> the service registers itself. Needs
    /// the Kafka producer (<see cref="AddEventPublishing{TContext}"/> or AddKafkaProducer) for dead letters.
    /// </summary>
    public static EventConsumerBuilder AddEventConsumer(this IHostApplicationBuilder builder, string groupId)
    {
        var registration = new EventConsumerRegistration(groupId);
        builder.Services.TryAddSingleton<DeadLetterPublisher>();
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<IntegrationEventConsumer>(services, registration));
        return new EventConsumerBuilder(builder.Services, registration);
    }
}
