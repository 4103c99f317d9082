using Dexel.Clients;
using Dexel.EventBus;
using Dexel.EventBus.IntegrationEvents;
using Dexel.Streaming.Application.Catalog;
using Dexel.Streaming.Application.Transcoding;
using Dexel.Streaming.Infrastructure;
using Dexel.Streaming.Infrastructure.Storage;
using Dexel.Streaming.IntegrationEvents;
using Dexel.Streaming.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dexel.Streaming.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Behind the gateway too, every request's token is checked again (defense in depth).
        builder.AddDefaultAuthentication();
        builder.AddServiceDatabase<StreamingDbContext>("catalogdb", (services, options) => options.UseOutboxSignal(services));
        builder.AddEventPublishing<StreamingDbContext>("kafka");
        builder.AddEventConsumer<StreamingDbContext>("streaming")
            .AddHandler<UserDeleted, UserDeletedHandler>();
        // Redis only caches playlists here, so losing it degrades the service rather than failing it.
        builder.AddRedisClient("redis", failureStatus: HealthStatus.Degraded);
        builder.AddObjectStore("objectstore", defaultBucket: "dexel-media");

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<StreamingOptions>().BindConfiguration("Streaming");
        builder.Services.AddOptions<TranscodingOptions>().BindConfiguration("Streaming:Transcoding");

        builder.Services.AddSingleton<MediaStore>();
        builder.Services.AddSingleton<OffloadUrls>();
        builder.Services.AddSingleton<PlaylistCache>();
        builder.Services.AddSingleton(CreateSigner);

        builder.Services.AddOptions<UploadQuotaOptions>().BindConfiguration("Streaming:Quotas");
        builder.Services.AddScoped<UploadQuota>();
        builder.Services.AddScoped<TrackIngest>();
        builder.Services.AddScoped<TrackSearch>();
        builder.Services.AddScoped<TrackRemoval>();

        builder.Services.AddSingleton<ProcessRunner>();
        builder.Services.AddSingleton<AudioInspector>();
        builder.Services.AddSingleton<Transcoder>();
        builder.Services.AddSingleton<TranscodeSignal>();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddSingleton<TranscodeMetrics>();
        builder.Services.AddScoped<TranscodeJobProcessor>();
        builder.Services.AddHostedService<TranscodeWorker>();
    }

    private static UrlSigner CreateSigner(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<StreamingOptions>>().Value.SigningKey;
        byte[] key;
        if (string.IsNullOrWhiteSpace(configured))
        {
            // Fine for one developer instance; replicas and restarts need a shared configured key.
            services.GetRequiredService<ILogger<UrlSigner>>().LogWarning(
                "Streaming:SigningKey is not set; using a random key, so media URLs stop working on restart and differ between replicas");
            key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        }
        else key = UrlSigner.KeyFrom(configured, "Streaming:SigningKey");
        return new UrlSigner(key, services.GetRequiredService<TimeProvider>());
    }
}
