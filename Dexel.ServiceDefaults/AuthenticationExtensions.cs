using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class AuthenticationExtensions
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    /// <summary>
    /// Validates Dexel access tokens in every service, the gateway included, so a workload inside
    /// the cluster gets no more than a client does: ES256 only, issuer and audience from
    /// Jwt:Issuer / Jwt:Audience, keys from auth's JWKS (or the copy auth shares in Redis), and
    /// the token's session must still be live. Needs the "redis" client (sessions live there).
    /// Claims keep their JWT names: sub, sid, tier, role.
    /// </summary>
    public static IHostApplicationBuilder AddDefaultAuthentication(this IHostApplicationBuilder builder)
    {
        var jwt = builder.Configuration.GetSection("Jwt");
        var jwksUri = jwt["JwksUri"] ?? "http://auth/.well-known/jwks.json";

        // One quick attempt: when auth is away the shared copy answers, so retrying only adds waiting.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental
        builder.Services.AddHttpClient(JwksConfigurationManager.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(2))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton(services => new JwksConfigurationManager(jwksUri,
            services.GetRequiredService<IHttpClientFactory>(), services.GetRequiredService<IConnectionMultiplexer>(), TimeProvider.System));
        builder.Services.AddSingleton<SessionCheck>();
        builder.Services.TryAddTimeProvider();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<JwksConfigurationManager>((options, keys) =>
            {
                options.MapInboundClaims = false;
                options.RequireHttpsMetadata = false;
                // WWW-Authenticate says "invalid_token", never why (which key, which check).
                options.IncludeErrorDetails = false;
                options.ConfigurationManager = keys;
                options.RefreshOnIssuerKeyNotFound = true;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt["Issuer"] ?? "dexel-auth",
                    ValidAudience = jwt["Audience"] ?? "dexel-api",
                    ValidAlgorithms = [Algorithm],
                    NameClaimType = "sub",
                    RoleClaimType = "role",
                    ClockSkew = jwt.GetValue("ClockSkew", TimeSpan.FromSeconds(30)),
                };
                options.Events = new JwtBearerEvents { OnTokenValidated = RequireLiveSessionAsync };
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    private static async Task RequireLiveSessionAsync(TokenValidatedContext context)
    {
        var sessionId = context.Principal?.FindFirst("sid")?.Value;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionCheck>();
        if (sessionId is null || !await sessions.IsLiveAsync(sessionId))
            context.Fail("The session of this token has ended.");
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
