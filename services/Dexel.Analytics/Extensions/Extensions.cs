using Dexel.Analytics.Application.Ingestion;
using Dexel.Analytics.Application.Realtime;
using Dexel.Analytics.Application.Recommendations;
using Dexel.Analytics.Application.Reports;
using Dexel.Analytics.Infrastructure;
using Dexel.Clients;
using Dexel.Analytics.IntegrationEvents;
using Dexel.EventBus;
using Dexel.EventBus.Consumers;
using Dexel.EventBus.DeadLetters;
using Dexel.EventBus.IntegrationEvents;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dexel.Analytics.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Behind the gateway too, every request's token is checked again (defense in depth).
        builder.AddDefaultAuthentication();
        // ClickHouse or Redis away degrades the service (paused ingestion, no live counters); it keeps answering.
        builder.AddClickHouseClient("clickhouse", HealthStatus.Degraded);
        builder.AddRedisClient("redis", HealthStatus.Degraded);
        builder.AddKafkaProducer("kafka");

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AnalyticsStore>();
        builder.Services.AddHostedService<SchemaMigrator>();

        builder.Services.AddOptions<IngestionOptions>().BindConfiguration("Analytics:Ingestion");
        builder.Services.AddSingleton<EventWriter>();
        builder.Services.AddSingleton<DeadLetterPublisher>();
        builder.Services.AddSingleton<IngestionHealth>();
        builder.Services.AddHealthChecks().AddCheck<IngestionHealth>("Ingestion");
        builder.Services.AddHostedService<EventIngestor>();

        // Deleted accounts and tracks leave analytics; the deletes are repeatable, so nothing records them.
        builder.Services.AddSingleton<IProcessedEventStore, RepeatableEventHandling>();
        builder.AddEventConsumer("analytics-erasure")
            .AddHandler<UserDeleted, UserDeletedHandler>()
            .AddHandler<TrackDeleted, TrackDeletedHandler>();

        builder.Services.AddOptions<RealtimeOptions>().BindConfiguration("Analytics:Realtime");
        builder.Services.AddSingleton<RealtimeCounters>();
        builder.Services.AddSingleton(typeof(ListenerCache<>));

        builder.Services.AddOptions<ReportCacheOptions>().BindConfiguration("Analytics:Reports");
        builder.Services.AddSingleton<ReportCache>();
        builder.Services.AddSingleton<ChartQueries>();
        builder.Services.AddSingleton<ListenerQueries>();
        builder.Services.AddSingleton<TrackStatsQueries>();
        builder.Services.AddSingleton<AdminQueries>();

        builder.Services.AddOptions<RecommenderOptions>().BindConfiguration("Analytics:Recommendations");
        builder.Services.AddSingleton<RecommendationStore>();
        builder.Services.AddSingleton<Recommender>();
        builder.Services.AddHostedService<RecommenderTrainer>();
    }
}
