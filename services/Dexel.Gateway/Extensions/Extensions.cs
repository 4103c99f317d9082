using Dexel.Clients;
using Dexel.Gateway.Application;
using Dexel.Gateway.Application.OpenApi;
using Dexel.Gateway.Edge;
using Dexel.Gateway.Edge.RateLimiting;
using Dexel.Gateway.Edge.ReverseProxy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Dexel.Gateway.Extensions;

internal static class Extensions
{
    public const string CorsPolicy = "clients";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Without Redis the gateway still serves (local rate limits), so Redis down is Degraded.
        builder.AddRedisClient("redis", failureStatus: HealthStatus.Degraded);
        builder.AddDefaultAuthentication();
        builder.Services.AddSingleton<ValidatedTokens>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<ValidatedTokens>((options, tokens) =>
            {
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(tokens);
            });

        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimiting");
        builder.Services.AddOptions<BodySizeOptions>().BindConfiguration("BodySize");
        builder.Services.TryAddSingletonTimeProvider();
        builder.Services.AddSingleton<RequestBudget>();
        builder.Services.AddHealthChecks().AddCheck<RequestBudget>("RateLimitStore");
        builder.Services.AddRequestTimeouts();
        builder.Services.AddHttpClient(nameof(PublicApiDocument));
        builder.Services.AddSingleton<PublicApiDocument>();
        builder.Services.AddHttpClient(UserDataCollector.HttpClientName);
        builder.Services.AddSingleton<UserDataCollector>();

        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors =>
        {
            cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins(origins)
                .AllowAnyHeader()
                .AllowAnyMethod()
                .WithExposedHeaders(CorrelationId.Header, "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"));
            cors.AddMediaPolicy();
        });

        builder.Services.AddSingleton<LocatedSegments>();
        // With streaming's media key the gateway serves segments it has located without asking streaming again.
        if (builder.Configuration["Media:SigningKey"] is { Length: > 0 } mediaKey)
        {
            var key = UrlSigner.KeyFrom(mediaKey, "Media:SigningKey");
            builder.Services.AddSingleton(services => new UrlSigner(key, services.GetRequiredService<TimeProvider>()));
        }

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetRequiredSection("ReverseProxy"))
            .AddTransforms<VaryByOrigin>()
            .AddTransforms<MediaOffloadTransform>()
            .AddTransforms(transforms => transforms.AddRequestTransform(context =>
            {
                // Services learn the caller from the gateway, never from the client.
                context.ProxyRequest.Headers.Remove("X-User-Id");
                if (context.HttpContext.User.FindFirst("sub")?.Value is { } userId)
                    context.ProxyRequest.Headers.TryAddWithoutValidation("X-User-Id", userId);
                return ValueTask.CompletedTask;
            }))
            .AddServiceDiscoveryDestinationResolver();
        builder.Services.AddSingleton<IForwarderHttpClientFactory, ResilientForwarderHttpClientFactory>();
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
