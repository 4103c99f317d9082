using Dexel.EventBus;
using Dexel.Clients;
using Dexel.Playlist.Infrastructure;

namespace Dexel.Playlist.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Behind the gateway too, every request's token is checked again (defense in depth).
        builder.AddDefaultAuthentication();
        builder.AddServiceDatabase<PlaylistDbContext>("playlistdb", (services, options) => options.UseOutboxSignal(services));
        builder.AddEventPublishing<PlaylistDbContext>("kafka");

    }
}
