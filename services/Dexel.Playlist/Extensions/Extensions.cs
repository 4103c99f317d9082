using Dexel.EventBus;
using Dexel.Clients;
using Dexel.Playlist.Infrastructure;

namespace Dexel.Playlist.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PlaylistDbContext>("playlistdb", (services, options) => options.UseOutboxSignal(services));
        builder.AddEventPublishing<PlaylistDbContext>("kafka");

    }
}
