using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Dexel.Streaming.Tests;

/// <summary>Reads references out of HLS playlists and DASH manifests the way a player would.</summary>
public static partial class Playlists
{
    public static IReadOnlyList<string> HlsVariants(string master) =>
        master.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    public static int StreamInfCount(string master) => master.Split('\n').Count(l => l.StartsWith("#EXT-X-STREAM-INF:"));

    /// <summary>The init segment (EXT-X-MAP) and the media segments, in order.</summary>
    public static (string Init, IReadOnlyList<string> Segments) HlsMedia(string playlist) =>
        (MapUri().Match(playlist).Groups[1].Value,
         playlist.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList());

    public static XElement[] DashRepresentations(string mpd) =>
        XDocument.Parse(mpd).Descendants().Where(e => e.Name.LocalName == "Representation").ToArray();

    /// <summary>Every Initialization sourceURL and SegmentURL media of a representation.</summary>
    public static IReadOnlyList<string> DashUrls(XElement representation) =>
        representation.Descendants()
            .SelectMany(e => e.Attributes().Where(a => a.Name.LocalName is "sourceURL" or "media"))
            .Select(a => a.Value)
            .ToList();

    [GeneratedRegex("#EXT-X-MAP:URI=\"([^\"]+)\"")]
    private static partial Regex MapUri();
}
