using Microsoft.Extensions.DependencyInjection;

namespace Dexel.EventBus.Consumers;

/// <summary>What one consumer group listens to, and how each topic is dispatched.</summary>
public sealed class EventConsumerRegistration(string groupId)
{
    internal delegate Task Dispatch(IServiceProvider services, IntegrationEvent @event, CancellationToken cancellationToken);

    public string GroupId { get; } = groupId;

    internal Dictionary<string, Dispatch> Handlers { get; } = new();

    internal void Add<TEvent, THandler>()
        where TEvent : IntegrationEvent
        where THandler : IIntegrationEventHandler<TEvent> =>
        Handlers[Topics.For<TEvent>()] = (services, @event, cancellationToken) =>
            services.GetRequiredService<THandler>().HandleAsync((TEvent)@event, cancellationToken);
}

/// <summary>Fluent registration returned by <see cref="EventBusExtensions.AddEventConsumer"/>.</summary>
public sealed class EventConsumerBuilder(IServiceCollection services, EventConsumerRegistration registration)
{
    public EventConsumerBuilder AddHandler<TEvent, THandler>()
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        registration.Add<TEvent, THandler>();
        return this;
    }
}
