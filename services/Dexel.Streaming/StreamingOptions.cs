namespace Dexel.Streaming;

/// <summary>How media leaves the service: through it, or as a redirect to the object store (a CDN's origin).</summary>
public enum DeliveryMode
{
    Proxy,
    Redirect,
}

/// <summary>The "Streaming" configuration section.</summary>
public sealed class StreamingOptions
{
    /// <summary>Largest accepted upload; larger bodies get 413.</summary>
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>HMAC key for media URLs (at least 32 characters); every replica must share it.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(1);

    public DeliveryMode Delivery { get; set; } = DeliveryMode.Proxy;

    /// <summary>How long the stored playlists stay in Redis.</summary>
    public TimeSpan PlaylistCacheTtl { get; set; } = TimeSpan.FromMinutes(10);
}
