using Microsoft.Extensions.Caching.Memory;

namespace Dexel.Streaming.Infrastructure.Storage;

/// <summary>
/// Presigned store URLs for offloaded segments (<see cref="MediaOffload"/>), reused while they
/// have <see cref="MediaOffload.LocationLeastLife"/> or more left: the SDK's presigning costs
/// more than the rest of the request. Only the gateway ever sees them, so one URL can serve every
/// listener.
/// </summary>
public sealed class OffloadUrls(MediaStore store)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ReuseFor = Lifetime - MediaOffload.LocationLeastLife;

    // A segment is about 160 KB, so this many URLs cover far more hot media than a replica serves at once.
    private readonly MemoryCache _urls = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public async ValueTask<string> GetAsync(string key)
    {
        if (_urls.TryGetValue(key, out string? url)) return url!;
        url = await store.PresignGetAsync(key, Lifetime);
        _urls.Set(key, url, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ReuseFor });
        return url;
    }
}
