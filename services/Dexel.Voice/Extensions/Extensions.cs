using Microsoft.Extensions.Diagnostics.HealthChecks;
using Dexel.EventBus;
using Dexel.Clients;
using Dexel.Voice.Infrastructure;

namespace Dexel.Voice.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Behind the gateway too, every request's token is checked again (defense in depth).
        // Sessions live in Redis; without it tokens are accepted on their signature, so it is Degraded.
        builder.AddRedisClient("redis", failureStatus: HealthStatus.Degraded);
        builder.AddDefaultAuthentication();
        builder.AddServiceDatabase<VoiceDbContext>("voicedb", (services, options) => options.UseOutboxSignal(services));
        builder.AddEventPublishing<VoiceDbContext>("kafka");

    }
}
