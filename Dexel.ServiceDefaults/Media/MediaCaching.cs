namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Cache lifetimes for signed media. A signed URL is only good until its expiry, so no cache may
/// keep an answer past it: every max-age is bounded by the time the URL has left, and
/// must-revalidate forbids serving it stale afterwards (the origin then says 403).
/// </summary>
public static class MediaCaching
{
    private static readonly TimeSpan PlaylistLifetime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RedirectLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Segments never change, so any cache may keep one for as long as its URL is valid.</summary>
    public static string Segment(TimeSpan remaining) => $"public, max-age={Seconds(remaining)}, immutable, must-revalidate";

    /// <summary>Playlists embed the signed child URLs of one user, so they stay in that user's cache, briefly.</summary>
    public static string Playlist(TimeSpan remaining) => $"private, max-age={Seconds(Min(remaining, PlaylistLifetime))}, must-revalidate";

    /// <summary>A redirect names a presigned object-store URL that expires with the media URL.</summary>
    public static string Redirect(TimeSpan remaining) => $"private, max-age={Seconds(Min(remaining, RedirectLifetime))}, must-revalidate";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static long Seconds(TimeSpan lifetime) => Math.Max(0, (long)Math.Floor(lifetime.TotalSeconds));
}
