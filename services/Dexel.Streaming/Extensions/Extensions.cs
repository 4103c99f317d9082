using Dexel.EventBus;
using Dexel.Clients;
using Dexel.Streaming.Infrastructure;

namespace Dexel.Streaming.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Behind the gateway too, every request's token is checked again (defense in depth).
        builder.AddDefaultAuthentication();
        builder.AddServiceDatabase<StreamingDbContext>("catalogdb", (services, options) => options.UseOutboxSignal(services));
        builder.AddEventPublishing<StreamingDbContext>("kafka");
        builder.AddRedisClient("redis");
        builder.AddObjectStore("objectstore", defaultBucket: "dexel-media");
    }
}
