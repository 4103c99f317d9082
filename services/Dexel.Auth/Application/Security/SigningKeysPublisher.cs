using System.Text.Json;
using StackExchange.Redis;

namespace Dexel.Auth.Application.Security;

/// <summary>
/// Shares the public signing keys in Redis at start-up, so the gateway and services can validate
/// tokens while auth is away, even if they never reached its JWKS. Retries until Redis takes them.
/// </summary>
public sealed class SigningKeysPublisher(SigningKeys keys, IConnectionMultiplexer redis, ILogger<SigningKeysPublisher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = (await keys.AllAsync(stoppingToken)).Select(PublicSigningKey.From)
                    .Select(k => (k.Kid, JsonSerializer.Serialize(k, JsonSerializerOptions.Web)));
                await SharedSigningKeys.PublishAsync(redis, published);
                return;
            }
            // Whatever stops it this time (Redis or Postgres away, EF giving up after its retries) may
            // pass; an exception escaping here would stop the whole service.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not share the signing keys yet; retrying");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }
}
