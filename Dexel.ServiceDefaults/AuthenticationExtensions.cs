using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

public static class AuthenticationExtensions
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    /// <summary>
    /// Validates Dexel access tokens in every service (defense in depth behind the gateway):
    /// ES256 only, issuer and audience from Jwt:Issuer / Jwt:Audience, keys from the auth
    /// service's JWKS (found by service discovery), refetched when a token names an unknown kid.
    /// Claims keep their JWT names: sub, sid, tier, role.
    /// </summary>
    public static IHostApplicationBuilder AddDefaultAuthentication(this IHostApplicationBuilder builder)
    {
        var jwt = builder.Configuration.GetSection("Jwt");
        var jwksUri = jwt["JwksUri"] ?? "http://auth/.well-known/jwks.json";

        builder.Services.AddHttpClient(JwksConfigurationManager.HttpClientName);
        builder.Services.AddSingleton(services => new JwksConfigurationManager(
            jwksUri, services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System));

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<JwksConfigurationManager>((options, keys) =>
            {
                options.MapInboundClaims = false;
                options.RequireHttpsMetadata = false;
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
            });
        builder.Services.AddAuthorization();
        return builder;
    }
}

/// <summary>
/// Hands JwtBearer the auth service's signing keys. There is no OpenID discovery document, only
/// the JWKS, so this fetches it directly; a refresh request (an unknown kid) is honoured at most
/// every few seconds, so forged kids cannot make us hammer the auth service.
/// </summary>
public sealed class JwksConfigurationManager(string jwksUri, IHttpClientFactory httpClientFactory, TimeProvider clock)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    public const string HttpClientName = "jwks";
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;
    private bool _refreshRequested;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (_current is not null && !IsStale()) return _current;

        await _gate.WaitAsync(cancel);
        try
        {
            if (_current is not null && !IsStale()) return _current;
            using var client = httpClientFactory.CreateClient(HttpClientName);
            var json = await client.GetStringAsync(jwksUri, cancel);
            var configuration = new OpenIdConnectConfiguration();
            foreach (var key in new JsonWebKeySet(json).GetSigningKeys()) configuration.SigningKeys.Add(key);
            _current = configuration;
            _fetchedAt = clock.GetUtcNow();
            _refreshRequested = false;
            return configuration;
        }
        catch (Exception ex) when (_current is not null && ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            // Keep validating with the keys we have while the auth service is away.
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void RequestRefresh() => _refreshRequested = true;

    private bool IsStale()
    {
        var age = clock.GetUtcNow() - _fetchedAt;
        return age > MaxAge || (_refreshRequested && age > MinRefreshInterval);
    }
}
