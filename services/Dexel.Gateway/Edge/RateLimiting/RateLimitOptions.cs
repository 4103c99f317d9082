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

    /// <summary>
    /// How often a replica sends a caller's new requests to the shared count (one INCRBY for all of
    /// them). Other replicas can miss at most this long of a caller's requests, plus a round trip.
    /// </summary>
    public int ShareEveryMilliseconds { get; set; } = 100;
}
