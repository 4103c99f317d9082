using Dexel.Streaming.Model;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dexel.Streaming.Infrastructure.Storage;

/// <summary>
/// Cache-aside for stored playlists and manifests (they never change once a track is ready).
/// Redis is an accelerator only: when it is down, reads go to the object store.
/// </summary>
public sealed class PlaylistCache(IConnectionMultiplexer redis, MediaStore store, IOptions<StreamingOptions> options, ILogger<PlaylistCache> logger)
{
    /// <summary>Drops a deleted track's cached playlists; a miss later finds nothing in the store either.</summary>
    public async Task ForgetAsync(Guid trackId, IEnumerable<string> files)
    {
        // While disconnected the entries cannot be reached; they expire on their own (PlaylistCacheTtl).
        if (!redis.IsConnected) return;
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(files.Select(file => Key(trackId, file)).ToArray());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The entries expire on their own (PlaylistCacheTtl); their segments are gone already.
            logger.LogWarning(ex, "Could not drop the cached playlists of deleted track {TrackId}", trackId);
        }
    }

    private static RedisKey Key(Guid trackId, string file) => $"streaming:playlist:{trackId:N}:{file}";

    public async Task<string?> GetAsync(Guid trackId, string file, CancellationToken cancellationToken)
    {
        var key = Key(trackId, file);
        // While disconnected, commands would wait out their timeout in the backlog; skip the cache instead.
        var useCache = redis.IsConnected;
        if (useCache)
        {
            try
            {
                var cached = await redis.GetDatabase().StringGetAsync(key);
                if (cached.HasValue) return cached.ToString();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Playlist cache read failed; serving from the object store");
            }
        }

        var text = await store.ReadTextAsync(MediaFiles.ObjectKey(trackId, file), cancellationToken);
        if (text is null || !useCache) return text;
        try
        {
            await redis.GetDatabase().StringSetAsync(key, text, options.Value.PlaylistCacheTtl);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Playlist cache write failed");
        }
        return text;
    }
}
