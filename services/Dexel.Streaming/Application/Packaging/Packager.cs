using System.Globalization;
using System.Text.RegularExpressions;
using Dexel.Streaming.Model;

namespace Dexel.Streaming.Application.Packaging;

/// <summary>
/// Measures the segments the encoder wrote and writes the HLS playlists and the DASH manifest from
/// those measurements (durations from the fMP4 boxes, bandwidths from the real sizes), replacing
/// whatever manifests the encoder produced.
/// </summary>
public static partial class Packager
{
    public static IReadOnlyList<PackagedRendition> Measure(string directory)
    {
        var renditions = new List<PackagedRendition>();
        for (var id = 0; id < Renditions.BitratesKbps.Count; id++)
        {
            var initFile = $"init-{id}.m4s";
            var track = Fmp4Timing.ReadInit(File.ReadAllBytes(Path.Combine(directory, initFile)));
            var segments = Directory.GetFiles(directory, $"chunk-{id}-*.m4s")
                .Select(path => (path, number: SegmentNumber(path)))
                .OrderBy(file => file.number)
                .Select(file => Measure(file.path, track))
                .ToList();
            if (segments.Count == 0) throw new InvalidDataException($"Rendition {id} has no segments.");
            renditions.Add(new PackagedRendition(id, initFile, track.Timescale, segments));
        }
        return renditions;
    }

    public static void WriteManifests(string directory)
    {
        var renditions = Measure(directory);
        foreach (var rendition in renditions)
            File.WriteAllText(Path.Combine(directory, rendition.PlaylistFile), HlsPlaylists.Media(rendition));
        File.WriteAllText(Path.Combine(directory, MediaFiles.Master), HlsPlaylists.Master(renditions));
        File.WriteAllText(Path.Combine(directory, MediaFiles.Manifest), DashManifest.Write(renditions));
    }

    private static PackagedSegment Measure(string path, TrackTiming track)
    {
        var bytes = File.ReadAllBytes(path);
        var fragment = Fmp4Timing.ReadSegment(bytes, track);
        // Presentation time is media time less the encoder's priming; the primed samples never play.
        var start = Math.Max(0, fragment.BaseMediaDecodeTime - track.PresentationOffset);
        var end = fragment.BaseMediaDecodeTime + fragment.Duration - track.PresentationOffset;
        return new PackagedSegment(Path.GetFileName(path), start, Math.Max(0, end - start), bytes.Length);
    }

    private static int SegmentNumber(string path) =>
        int.Parse(SegmentName().Match(Path.GetFileName(path)).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^chunk-\d+-(\d+)\.m4s$")]
    private static partial Regex SegmentName();
}
