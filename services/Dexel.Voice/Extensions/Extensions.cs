using Dexel.EventBus;
using Dexel.Clients;
using Dexel.Voice.Infrastructure;

namespace Dexel.Voice.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Behind the gateway too, every request's token is checked again (defense in depth).
        builder.AddDefaultAuthentication();
        builder.AddServiceDatabase<VoiceDbContext>("voicedb", (services, options) => options.UseOutboxSignal(services));
        builder.AddEventPublishing<VoiceDbContext>("kafka");

    }
}
