using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The public signing keys, shared through Redis as a hash of kid → JWK. Auth writes them when
/// it starts, so a gateway or service that starts (or restarts) while auth is away can still
/// validate tokens. Public keys only: nothing here is secret.
/// </summary>
public static class SharedSigningKeys
{
    public static readonly RedisKey Key = "dexel:signing-keys";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    public static Task PublishAsync(IConnectionMultiplexer redis, IEnumerable<(string KeyId, string Jwk)> keys) =>
        redis.GetDatabase().HashSetAsync(Key, keys.Select(k => new HashEntry(k.KeyId, k.Jwk)).ToArray());

    /// <returns>A JWKS document of every shared key, or null when there are none or Redis cannot say.</returns>
    public static async Task<string?> ReadJwksAsync(IConnectionMultiplexer redis, CancellationToken cancel)
    {
        if (!redis.IsConnected) return null;
        try
        {
            var entries = await redis.GetDatabase().HashGetAllAsync(Key).WaitAsync(Deadline, cancel);
            return entries.Length == 0 ? null : $$"""{"keys":[{{string.Join(',', entries.Select(e => (string)e.Value!))}}]}""";
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return null;
        }
    }
}
