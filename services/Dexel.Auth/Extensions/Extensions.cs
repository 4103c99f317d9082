using Dexel.EventBus;
using Dexel.Clients;
using Dexel.Auth.Infrastructure;

namespace Dexel.Auth.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AuthDbContext>("authdb", (services, options) => options.UseOutboxSignal(services));
        builder.AddEventPublishing<AuthDbContext>("kafka");
        builder.AddRedisClient("redis");
    }
}
