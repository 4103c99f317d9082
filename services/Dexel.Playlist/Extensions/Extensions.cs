using Dexel.Clients;
using Dexel.EventBus;
using Dexel.EventBus.IntegrationEvents;
using Dexel.Playlist.Application.Creating;
using Dexel.Playlist.Application.Editing;
using Dexel.Playlist.Application.Queries;
using Dexel.Playlist.Infrastructure;
using Dexel.Playlist.IntegrationEvents;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dexel.Playlist.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Behind the gateway too, every request's token is checked again (defense in depth).
        // Sessions live in Redis; without it tokens are accepted on their signature, so it is Degraded.
        builder.AddRedisClient("redis", failureStatus: HealthStatus.Degraded);
        builder.AddDefaultAuthentication();
        builder.AddServiceDatabase<PlaylistDbContext>("playlistdb", (services, options) => options.UseOutboxSignal(services));
        builder.AddEventPublishing<PlaylistDbContext>("kafka");
        builder.AddEventConsumer<PlaylistDbContext>("playlist")
            .AddHandler<TrackPublished, TrackPublishedHandler>()
            .AddHandler<UserRegistered, UserRegisteredHandler>()
            .AddHandler<TrackDeleted, TrackDeletedHandler>()
            .AddHandler<UserDeleted, UserDeletedHandler>();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<PlaylistCreation>();
        builder.Services.AddScoped<PlaylistEditor>();
        builder.Services.AddScoped<PlaylistQueries>();
    }
}
