using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Hands JwtBearer the auth service's signing keys: from memory, else auth's JWKS, else the copy
/// auth shares in Redis. An auth outage therefore never stops validation with keys already known;
/// only when no key can be had at all does it throw <see cref="SigningKeysUnavailableException"/>
/// (a 503). A refresh request (an unknown kid) is honoured at most every few seconds, and a failed
/// fetch is not retried for a few seconds, so forged kids or a dead auth cost no waiting.
/// </summary>
public sealed class JwksConfigurationManager(
    string jwksUri, IHttpClientFactory httpClientFactory, IConnectionMultiplexer redis, TimeProvider clock)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    public const string HttpClientName = "jwks";
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryFailedFetchAfter = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _failedAt = DateTimeOffset.MinValue;
    private bool _refreshRequested;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (_current is not null && (!IsStale() || RecentlyFailed())) return _current;

        await _gate.WaitAsync(cancel);
        try
        {
            if (_current is not null && (!IsStale() || RecentlyFailed())) return _current;
            if (!RecentlyFailed())
            {
                try
                {
                    using var client = httpClientFactory.CreateClient(HttpClientName);
                    return Use(await client.GetStringAsync(jwksUri, cancel));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or ArgumentException)
                {
                    _failedAt = clock.GetUtcNow();
                }
            }
            // Auth is away: keep the keys we have, or take the copy auth shared in Redis.
            if (_current is not null) return _current;
            return await SharedSigningKeys.ReadJwksAsync(redis, cancel) is { } shared
                ? Use(shared)
                : throw new SigningKeysUnavailableException();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void RequestRefresh() => _refreshRequested = true;

    private OpenIdConnectConfiguration Use(string jwks)
    {
        var configuration = new OpenIdConnectConfiguration();
        foreach (var key in new JsonWebKeySet(jwks).GetSigningKeys()) configuration.SigningKeys.Add(key);
        _current = configuration;
        _fetchedAt = clock.GetUtcNow();
        _refreshRequested = false;
        return configuration;
    }

    private bool RecentlyFailed() => clock.GetUtcNow() - _failedAt < RetryFailedFetchAfter;

    private bool IsStale()
    {
        var age = clock.GetUtcNow() - _fetchedAt;
        return age > MaxAge || (_refreshRequested && age > MinRefreshInterval);
    }
}
