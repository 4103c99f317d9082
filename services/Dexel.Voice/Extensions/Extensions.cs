using Dexel.Clients;
using Dexel.EventBus;
using Dexel.EventBus.Consumers;
using Dexel.EventBus.IntegrationEvents;
using Dexel.Voice.IntegrationEvents;
using Dexel.Voice.Application;
using Dexel.Voice.Application.Commands;
using Dexel.Voice.Application.Streaming;
using Dexel.Voice.Application.Understanding;
using Dexel.Voice.Infrastructure;
using Dexel.Voice.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

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
        builder.AddEventConsumer<VoiceDbContext>("voice")
            .AddHandler<UserDeleted, UserDeletedHandler>();

        builder.Services.AddOptions<VoiceOptions>().BindConfiguration("Voice");
        builder.Services.AddMemoryCache();
        if (builder.Services.All(d => d.ServiceType != typeof(TimeProvider))) builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(CreateSigner);
        builder.AddSpeechEngines();

        builder.Services.AddSingleton<IVoiceVocabularySource, CatalogVocabularySource>();
        builder.Services.AddSingleton<VoiceGrammars>();
        builder.Services.AddSingleton<Transcriber>();
        builder.Services.AddSingleton<StreamTickets>();
        builder.Services.AddSingleton<ReplyAudioStore>();
        builder.Services.AddSingleton<VoiceStreamSessionFactory>();

        builder.Services.AddSingleton(_ => IntentCatalog.Load());
        builder.Services.AddSingleton<CommandParser>();
        builder.Services.AddSingleton<NameMatcher>();
        builder.Services.AddHttpClient(DexelCalls.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<DexelCalls>();
        builder.Services.AddSingleton<DialogueStore>();
        builder.AddCommandFallback();
        builder.Services.AddSingleton<CommandHandler>();
        builder.Services.AddSingleton<ReplySpeaker>();
        builder.Services.AddSingleton<VoiceCommands>();
        builder.Services.AddScoped<CommandHistory>();
    }

    /// <summary>The language model fallback (LlmCommandReader), only when Voice:Llm has an endpoint, a model and a key.</summary>
    private static void AddCommandFallback(this IHostApplicationBuilder builder)
    {
        var llm = builder.Configuration.GetSection("Voice:Llm");
        if (llm["Endpoint"] is not { Length: > 0 } endpoint || llm["Model"] is not { Length: > 0 } model || llm["ApiKey"] is not { Length: > 0 } key) return;
        var client = new OpenAI.Chat.ChatClient(model, new System.ClientModel.ApiKeyCredential(key), new OpenAI.OpenAIClientOptions { Endpoint = new Uri(endpoint) });
        builder.Services.AddChatClient(client.AsIChatClient()).UseOpenTelemetry(sourceName: DexelTelemetry.SourceName);
        builder.Services.AddSingleton<LlmCommandReader>();
    }

    private static Signer CreateSigner(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<VoiceOptions>>().Value.SigningKey;
        if (string.IsNullOrEmpty(configured))
        {
            // Fine for one instance: tickets and reply URLs are seconds old when used.
            services.GetRequiredService<ILogger<Signer>>().LogWarning(
                "Voice:SigningKey is not set; using a random key, so stream tickets and reply-audio URLs work only on this replica");
            return new Signer(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }
        if (configured.Length < 32) throw new InvalidOperationException("Voice:SigningKey must be at least 32 characters.");
        return new Signer(System.Text.Encoding.UTF8.GetBytes(configured));
    }
}
