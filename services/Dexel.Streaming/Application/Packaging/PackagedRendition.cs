namespace Dexel.Streaming.Application.Packaging;

/// <summary>One media segment as stored: where it starts on the presentation timeline, how long it plays (timescale units) and its size.</summary>
public sealed record PackagedSegment(string File, long Start, long Duration, long Bytes);

/// <summary>One rendition's init segment and media segments, measured from the files themselves.</summary>
public sealed record PackagedRendition(int Id, string InitFile, long Timescale, IReadOnlyList<PackagedSegment> Segments)
{
    public string PlaylistFile => $"media_{Id}.m3u8";

    public long TotalDuration => Segments.Sum(s => s.Duration);

    /// <summary>
    /// The largest bit rate of any single segment (bits per second, rounded up). Any run of
    /// segments averages at most this, so it bounds RFC 8216's peak segment bit rate however that is measured.
    /// </summary>
    public long PeakBandwidth => Segments.Where(s => s.Duration > 0).Max(s => BitsPerSecond(s.Bytes, s.Duration));

    /// <summary>All media segments' bits over their total duration (rounded up): HLS AVERAGE-BANDWIDTH.</summary>
    public long AverageBandwidth => BitsPerSecond(Segments.Sum(s => s.Bytes), TotalDuration);

    public double Seconds(long units) => (double)units / Timescale;

    private long BitsPerSecond(long bytes, long duration) => (bytes * 8 * Timescale + duration - 1) / duration;
}
