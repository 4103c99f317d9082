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
            catch (Exception ex) when (ex is RedisException or TimeoutException or Npgsql.NpgsqlException)
            {
                logger.LogWarning("Could not share the signing keys yet ({Reason}); retrying", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }
}
