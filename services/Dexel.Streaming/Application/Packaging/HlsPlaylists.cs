using System.Globalization;
using System.Text;
using Dexel.Streaming.Model;

namespace Dexel.Streaming.Application.Packaging;

/// <summary>
/// HLS (RFC 8216) master and media playlists for video-on-demand fMP4 audio. Version 6 is the
/// lowest that allows EXT-X-MAP in a media playlist; every playlist declares the same one.
/// </summary>
public static class HlsPlaylists
{
    public const int Version = 6;

    public static string Master(IReadOnlyList<PackagedRendition> renditions)
    {
        var text = Header();
        foreach (var rendition in renditions.OrderBy(r => r.PeakBandwidth))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"#EXT-X-STREAM-INF:BANDWIDTH={rendition.PeakBandwidth},AVERAGE-BANDWIDTH={rendition.AverageBandwidth},CODECS=\"{Renditions.Codec}\"\n");
            text.Append(rendition.PlaylistFile).Append('\n');
        }
        return text.ToString();
    }

    public static string Media(PackagedRendition rendition)
    {
        // Each EXTINF, rounded to the nearest integer, must not exceed the target duration.
        var target = rendition.Segments.Max(s => (int)Math.Round(rendition.Seconds(s.Duration), MidpointRounding.AwayFromZero));
        var text = Header();
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{Math.Max(1, target)}\n");
        text.Append("#EXT-X-PLAYLIST-TYPE:VOD\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-MAP:URI=\"{rendition.InitFile}\"\n");
        foreach (var segment in rendition.Segments)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:{rendition.Seconds(segment.Duration):0.000000},\n");
            text.Append(segment.File).Append('\n');
        }
        return text.Append("#EXT-X-ENDLIST\n").ToString();
    }

    // Every segment starts with a sync sample (AAC frames are all independent).
    private static StringBuilder Header() =>
        new StringBuilder("#EXTM3U\n").Append(CultureInfo.InvariantCulture, $"#EXT-X-VERSION:{Version}\n").Append("#EXT-X-INDEPENDENT-SEGMENTS\n");
}
