using Dexel.EventBus;
using Dexel.Clients;
using Dexel.Voice.Infrastructure;

namespace Dexel.Voice.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<VoiceDbContext>("voicedb", (services, options) => options.UseOutboxSignal(services));
        builder.AddEventPublishing<VoiceDbContext>("kafka");

    }
}
