using System.Globalization;
using System.Xml.Linq;
using Dexel.Streaming.Model;

namespace Dexel.Streaming.Application.Packaging;

/// <summary>
/// A static MPEG-DASH manifest (ISO/IEC 23009-1) under the ISO BMFF main profile, the profile that
/// allows a SegmentList: each segment keeps its own URL so it can be signed on its own, and a
/// SegmentTimeline gives every segment's exact start and duration. Bandwidths are the HLS ones.
/// </summary>
public static class DashManifest
{
    public const string Profile = "urn:mpeg:dash:profile:isoff-main:2011";
    private static readonly XNamespace Mpd = "urn:mpeg:dash:schema:mpd:2011";

    public static string Write(IReadOnlyList<PackagedRendition> renditions)
    {
        var longest = renditions.Max(r => r.Seconds(r.TotalDuration));
        var maxSegment = renditions.Max(r => r.Segments.Max(s => r.Seconds(s.Duration)));
        var manifest = new XElement(Mpd + "MPD",
            new XAttribute("profiles", Profile),
            new XAttribute("type", "static"),
            new XAttribute("mediaPresentationDuration", Duration(longest)),
            new XAttribute("maxSegmentDuration", Duration(maxSegment)),
            // Two segments' worth: with @bandwidth at the peak segment rate, that much buffering always suffices.
            new XAttribute("minBufferTime", Duration(2 * Math.Ceiling(maxSegment))),
            new XElement(Mpd + "Period", new XAttribute("id", "0"), new XAttribute("start", "PT0S"),
                new XElement(Mpd + "AdaptationSet",
                    new XAttribute("id", "0"),
                    new XAttribute("contentType", "audio"),
                    new XAttribute("mimeType", "audio/mp4"),
                    new XAttribute("codecs", Renditions.Codec),
                    new XAttribute("audioSamplingRate", Renditions.SampleRate),
                    new XAttribute("segmentAlignment", "true"),
                    new XAttribute("startWithSAP", "1"),
                    new XElement(Mpd + "AudioChannelConfiguration",
                        new XAttribute("schemeIdUri", "urn:mpeg:dash:23003:3:audio_channel_configuration:2011"),
                        new XAttribute("value", Renditions.Channels)),
                    renditions.OrderBy(r => r.PeakBandwidth).Select(Representation))));
        return new XDeclaration("1.0", "utf-8", null) + "\n" + manifest + "\n";
    }

    // No startNumber: on a SegmentList it changes nothing, and ffmpeg's DASH demuxer then skips the first segment.
    private static XElement Representation(PackagedRendition rendition) =>
        new(Mpd + "Representation",
            new XAttribute("id", rendition.Id),
            new XAttribute("bandwidth", rendition.PeakBandwidth),
            new XElement(Mpd + "SegmentList",
                new XAttribute("timescale", rendition.Timescale),
                new XElement(Mpd + "Initialization", new XAttribute("sourceURL", rendition.InitFile)),
                new XElement(Mpd + "SegmentTimeline", Timeline(rendition.Segments)),
                rendition.Segments.Select(s => new XElement(Mpd + "SegmentURL", new XAttribute("media", s.File)))));

    /// <summary>
    /// One S element per segment, with @t only where the timeline jumps. Runs of equal durations are
    /// not folded into @r: dash.js 5 picks a SegmentURL by the S element's index, not the segment's.
    /// </summary>
    private static IEnumerable<XElement> Timeline(IReadOnlyList<PackagedSegment> segments)
    {
        long next = -1;
        foreach (var segment in segments)
        {
            var s = new XElement(Mpd + "S");
            if (segment.Start != next) s.Add(new XAttribute("t", segment.Start));
            s.Add(new XAttribute("d", segment.Duration));
            yield return s;
            next = segment.Start + segment.Duration;
        }
    }

    private static string Duration(double seconds) => string.Create(CultureInfo.InvariantCulture, $"PT{seconds:0.###}S");
}
