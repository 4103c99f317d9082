namespace Dexel.Gateway.Edge.RateLimiting;

public sealed class RateLimitOptions
{
    public int FreePerMinute { get; set; } = 100;
    public int PremiumPerMinute { get; set; } = 1000;
    public int AnonymousPerMinute { get; set; } = 100;

    /// <summary>
    /// Signed media (playlists and segments) per client address: a player fetches a segment every
    /// few seconds per listener, and several listeners often share one address.
    /// </summary>
    public int MediaPerMinute { get; set; } = 1200;
}
