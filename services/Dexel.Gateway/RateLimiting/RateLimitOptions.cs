namespace Dexel.Gateway.RateLimiting;

public sealed class RateLimitOptions
{
    public int FreePerMinute { get; set; } = 100;
    public int PremiumPerMinute { get; set; } = 1000;
    public int AnonymousPerMinute { get; set; } = 100;
}
