using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Dexel.Streaming.Tests;

/// <summary>
/// The HLS playlists and DASH manifest against the segments they describe, measured here
/// independently (sizes as downloaded, start times by ffprobe, the end by the source's length),
/// and decoded whole by ffmpeg and GStreamer through the gateway.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed partial class ManifestTests(StreamingFixture app)
{
    private const double Millisecond = 0.001;

    [Fact]
    public async Task Every_declared_bandwidth_covers_the_measured_peak_and_the_average_is_the_measured_one()
    {
        foreach (var variant in await MeasureHlsAsync())
        {
            Assert.True(variant.Bandwidth >= variant.MeasuredPeak, $"{variant.Init}: BANDWIDTH {variant.Bandwidth} < measured peak {variant.MeasuredPeak:0}");
            // Computed from the same bytes, so above by rounding (and ffprobe's coarser last packet) only.
            Assert.InRange(variant.Bandwidth, variant.MeasuredPeak, variant.MeasuredPeak * 1.001);
            Assert.InRange(variant.AverageBandwidth, variant.MeasuredAverage * 0.999, variant.MeasuredAverage * 1.001);
            Assert.True(variant.AverageBandwidth < variant.Bandwidth, "loud and quiet segments differ, so the peak is above the average");
        }
    }

    [Fact]
    public async Task Hls_playlists_are_vod_with_independent_segments_one_version_and_exact_durations()
    {
        var sample = await app.SampleAsync();
        using var media = app.CreateClient();
        var master = await media.GetStringAsync(sample.Master);
        var playlists = new List<string> { master };
        foreach (var url in Playlists.HlsVariants(master)) playlists.Add(await media.GetStringAsync(url));

        Assert.Single(playlists.SelectMany(p => Tag(p, "EXT-X-VERSION")).Distinct());
        Assert.All(playlists, p => Assert.Single(Tag(p, "EXT-X-VERSION")));
        Assert.All(playlists, p => Assert.Contains("#EXT-X-INDEPENDENT-SEGMENTS", p));
        Assert.All(playlists, p => Assert.DoesNotContain("PROGRAM-DATE-TIME", p));
        Assert.All(playlists.Skip(1), p => Assert.Equal(["VOD"], Tag(p, "EXT-X-PLAYLIST-TYPE")));

        foreach (var variant in await MeasureHlsAsync())
        {
            Assert.Equal(variant.Measured.Count, variant.Declared.Count);
            for (var i = 0; i < variant.Measured.Count; i++)
                Assert.True(Math.Abs(variant.Declared[i] - variant.Measured[i].Seconds) <= Millisecond,
                    $"{variant.Init} segment {i}: EXTINF {variant.Declared[i]} vs measured {variant.Measured[i].Seconds}");
        }
    }

    [Fact]
    public async Task The_mpd_timeline_matches_the_segments_within_a_millisecond_with_the_hls_bandwidths()
    {
        var sample = await app.SampleAsync();
        var hls = (await MeasureHlsAsync()).ToDictionary(v => InitName(v.Init));
        using var media = app.CreateClient();
        var mpd = XDocument.Parse(await media.GetStringAsync(sample.Manifest));
        var root = mpd.Root!;

        Assert.Equal("urn:mpeg:dash:profile:isoff-main:2011", root.Attribute("profiles")!.Value);
        Assert.Equal("static", root.Attribute("type")!.Value);
        Assert.DoesNotContain(mpd.Descendants(), e => e.Attribute("startNumber") is not null);
        var presentation = System.Xml.XmlConvert.ToTimeSpan(root.Attribute("mediaPresentationDuration")!.Value).TotalSeconds;
        Assert.InRange(presentation, MediaSample.Seconds - 0.05, MediaSample.Seconds + 0.05);

        var representations = Playlists.DashRepresentations(mpd.ToString());
        Assert.Equal(3, representations.Length);
        foreach (var representation in representations)
        {
            var list = representation.Elements().Single(e => e.Name.LocalName == "SegmentList");
            var variant = hls[InitName(list.Elements().Single(e => e.Name.LocalName == "Initialization").Attribute("sourceURL")!.Value)];
            Assert.Equal(variant.Bandwidth, long.Parse(representation.Attribute("bandwidth")!.Value, CultureInfo.InvariantCulture));

            var timescale = double.Parse(list.Attribute("timescale")!.Value, CultureInfo.InvariantCulture);
            var timeline = ExpandTimeline(list.Elements().Single(e => e.Name.LocalName == "SegmentTimeline"));
            var urls = list.Elements().Where(e => e.Name.LocalName == "SegmentURL").Select(e => e.Attribute("media")!.Value).ToList();
            Assert.Equal(variant.Measured.Count, timeline.Count);
            Assert.Equal(variant.Measured.Count, urls.Count);
            for (var i = 0; i < timeline.Count; i++)
            {
                Assert.Equal(SegmentName(variant.Segments[i]), SegmentName(urls[i]));
                Assert.True(Math.Abs(timeline[i].Start / timescale - variant.Measured[i].Start) <= Millisecond, $"segment {i} start");
                Assert.True(Math.Abs(timeline[i].Duration / timescale - variant.Measured[i].Seconds) <= Millisecond,
                    $"{urls[i]}: MPD {timeline[i].Duration / timescale} vs measured {variant.Measured[i].Seconds}");
            }
        }
    }

    [Theory]
    [InlineData("hls")]
    [InlineData("dash")]
    public async Task Ffmpeg_decodes_the_whole_track_through_the_gateway(string format)
    {
        var sample = await app.SampleAsync();
        var url = new Uri(app.GatewayUrl, format == "hls" ? sample.Master : sample.Manifest).ToString();
        var (output, errors) = TestAudio.RunWithErrors("ffmpeg", "-nostdin", "-v", "warning", "-i", url, "-map", "0:a:0", "-progress", "pipe:1", "-f", "null", "-");
        var decoded = double.Parse(OutTime().Matches(output).Last().Groups[1].Value, CultureInfo.InvariantCulture) / 1_000_000;
        Assert.True(Math.Abs(decoded - MediaSample.Seconds) <= 0.05, $"{format}: decoded {decoded} s of {MediaSample.Seconds}; {errors}");
        Assert.DoesNotContain("Cannot get fragment", errors);
    }

    /// <summary>GStreamer's playbin3 (adaptivedemux2, libav's AAC decoder) as a player outside the browser would use it.</summary>
    [Theory]
    [InlineData("hls")]
    [InlineData("dash")]
    public async Task Gstreamer_plays_the_whole_track_through_the_gateway(string format)
    {
        var sample = await app.SampleAsync();
        var url = new Uri(app.GatewayUrl, format == "hls" ? sample.Master : sample.Manifest).ToString();
        var wav = Path.Combine(Path.GetTempPath(), $"dexel-gst-{Guid.NewGuid():N}.wav");
        try
        {
            var (_, errors) = TestAudio.RunWithErrors("gst-launch-1.0", "-q", "playbin3", $"uri={url}",
                $"audio-sink=audioconvert ! audio/x-raw,format=S16LE ! wavenc ! filesink location={wav}");
            var seconds = double.Parse(TestAudio.Run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", wav).Trim(), CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(seconds - MediaSample.Seconds) <= 0.05, $"{format}: GStreamer played {seconds} s of {MediaSample.Seconds}; {errors}");
        }
        finally
        {
            File.Delete(wav);
        }
    }

    private sealed record MeasuredSegment(double Start, double Seconds, long Bytes);

    private sealed record Variant(string Init, long Bandwidth, long AverageBandwidth, IReadOnlyList<string> Segments, IReadOnlyList<double> Declared, IReadOnlyList<MeasuredSegment> Measured)
    {
        public double MeasuredPeak => Measured.Max(s => s.Bytes * 8 / s.Seconds);
        public double MeasuredAverage => Measured.Sum(s => s.Bytes * 8.0) / Measured.Sum(s => s.Seconds);
    }

    private async Task<IReadOnlyList<Variant>> MeasureHlsAsync()
    {
        var sample = await app.SampleAsync();
        using var media = app.CreateClient();
        var master = await media.GetStringAsync(sample.Master);
        var lines = master.Split('\n');
        var variants = new List<Variant>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("#EXT-X-STREAM-INF:")) continue;
            var playlist = await media.GetStringAsync(lines[i + 1].Trim());
            var (init, segments) = Playlists.HlsMedia(playlist);
            var initBytes = await media.GetByteArrayAsync(init);
            var starts = new List<(double Start, long Bytes)>();
            foreach (var segment in segments)
            {
                var bytes = await media.GetByteArrayAsync(segment);
                starts.Add((FirstPresentedTime(initBytes, bytes), bytes.Length));
            }
            // Each segment plays until the next one starts; the last until the end of the source.
            var measured = starts.Select((s, n) => new MeasuredSegment(s.Start, (n + 1 < starts.Count ? starts[n + 1].Start : MediaSample.Seconds) - s.Start, s.Bytes)).ToList();
            var declared = Extinf().Matches(playlist).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            variants.Add(new Variant(init, Attribute(lines[i], "BANDWIDTH"), Attribute(lines[i], "AVERAGE-BANDWIDTH"), segments, declared, measured));
        }
        Assert.Equal(3, variants.Count);
        return variants;
    }

    /// <summary>When init + segment starts to play by ffprobe's packet times (the encoder's priming, before 0, does not play).</summary>
    private static double FirstPresentedTime(byte[] init, byte[] segment)
    {
        var path = Path.Combine(Path.GetTempPath(), $"probe-{Guid.NewGuid():N}.mp4");
        File.WriteAllBytes(path, [.. init, .. segment]);
        try
        {
            var first = TestAudio.Run("ffprobe", "-v", "error", "-select_streams", "a:0", "-read_intervals", "%+#1",
                "-show_entries", "packet=pts_time", "-of", "csv=p=0", path).Trim();
            return Math.Max(0, double.Parse(first, CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<(long Start, long Duration)> ExpandTimeline(XElement timeline)
    {
        var segments = new List<(long, long)>();
        long next = 0;
        foreach (var s in timeline.Elements())
        {
            var start = s.Attribute("t") is { } t ? long.Parse(t.Value, CultureInfo.InvariantCulture) : next;
            var duration = long.Parse(s.Attribute("d")!.Value, CultureInfo.InvariantCulture);
            var repeat = s.Attribute("r") is { } r ? int.Parse(r.Value, CultureInfo.InvariantCulture) : 0;
            for (var i = 0; i <= repeat; i++, start += duration) segments.Add((start, duration));
            next = start;
        }
        return segments;
    }

    private static List<string> Tag(string playlist, string tag) =>
        playlist.Split('\n').Where(l => l.StartsWith($"#{tag}:")).Select(l => l[(tag.Length + 2)..].Trim()).ToList();

    private static long Attribute(string streamInf, string name) =>
        long.Parse(Regex.Match(streamInf, $"[:,]{name}=(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

    private static string InitName(string url) => SegmentName(url);

    private static string SegmentName(string url) => new Uri(new Uri("http://x"), url).Segments[^1];

    [GeneratedRegex(@"#EXTINF:([\d.]+),")]
    private static partial Regex Extinf();

    [GeneratedRegex(@"out_time_us=(\d+)")]
    private static partial Regex OutTime();
}
