using System.Xml.Linq;
using Dexel.Streaming.Application.Packaging;
using Dexel.Streaming.Application.Transcoding;
using Dexel.Streaming.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dexel.Streaming.Tests;

/// <summary>The packager on real ffmpeg output, and the manifests it writes from known segments; no servers involved.</summary>
public sealed class PackagingTests : IDisposable
{
    private readonly TestAudio _audio = new();

    [Fact]
    public async Task Segment_timing_read_from_the_boxes_adds_up_to_exactly_the_source_duration()
    {
        var output = Directory.CreateDirectory(Path.Combine(_audio.Directory, "out")).FullName;
        var transcoder = new Transcoder(new ProcessRunner(NullLogger<ProcessRunner>.Instance), Options.Create(new TranscodingOptions()));
        var result = await transcoder.TranscodeAsync(_audio.Tone(13), output, TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.StandardError);

        var renditions = Packager.Measure(output);
        Assert.Equal(Renditions.BitratesKbps.Count, renditions.Count);
        foreach (var rendition in renditions)
        {
            Assert.Equal(Renditions.SampleRate, rendition.Timescale);
            // 13 s of input at 44.1 kHz, not a sample more (the encoder's priming is cut) or less.
            Assert.Equal(13L * Renditions.SampleRate, rendition.TotalDuration);
            Assert.Equal(3, rendition.Segments.Count);
            Assert.Equal(0, rendition.Segments[0].Start);
            for (var i = 1; i < rendition.Segments.Count; i++)
                Assert.Equal(rendition.Segments[i - 1].Start + rendition.Segments[i - 1].Duration, rendition.Segments[i].Start);
            Assert.All(rendition.Segments, s => Assert.Equal(new FileInfo(Path.Combine(output, s.File)).Length, s.Bytes));
        }
        Assert.True(renditions[0].PeakBandwidth < renditions[1].PeakBandwidth && renditions[1].PeakBandwidth < renditions[2].PeakBandwidth);

        // The renditions encode in parallel runs, into the names one run with all three writes.
        string[] segments = [.. Enumerable.Range(0, 3).SelectMany(id => new[] { $"init-{id}.m4s", $"chunk-{id}-00001.m4s", $"chunk-{id}-00002.m4s", $"chunk-{id}-00003.m4s" })];
        Assert.Equal(segments.Order(), Directory.GetFiles(output).Select(Path.GetFileName).Order());

        Packager.WriteManifests(output);
        Assert.Equal(segments.Concat([MediaFiles.Master, MediaFiles.Manifest, "media_0.m3u8", "media_1.m3u8", "media_2.m3u8"]).Order(),
            Directory.GetFiles(output).Select(Path.GetFileName).Order());
        Assert.StartsWith("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-STREAM-INF:BANDWIDTH=", File.ReadAllText(Path.Combine(output, MediaFiles.Master)));
        XDocument.Load(Path.Combine(output, MediaFiles.Manifest));
    }

    [Fact]
    public void Playlists_and_manifest_are_written_from_the_measured_segments()
    {
        // Three segments at 1000 units a second: 6 s, 6 s, 2 s, of 60, 66 and 20 KB.
        var rendition = new PackagedRendition(1, "init-1.m4s", 1000,
        [
            new PackagedSegment("chunk-1-00001.m4s", 0, 6000, 60_000),
            new PackagedSegment("chunk-1-00002.m4s", 6000, 6000, 66_000),
            new PackagedSegment("chunk-1-00003.m4s", 12000, 2000, 20_000),
        ]);
        Assert.Equal(88_000, rendition.PeakBandwidth);
        Assert.Equal(83_429, rendition.AverageBandwidth); // 1,168,000 bits in 14 s, rounded up

        Assert.Equal("""
            #EXTM3U
            #EXT-X-VERSION:6
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-TARGETDURATION:6
            #EXT-X-PLAYLIST-TYPE:VOD
            #EXT-X-MAP:URI="init-1.m4s"
            #EXTINF:6.000000,
            chunk-1-00001.m4s
            #EXTINF:6.000000,
            chunk-1-00002.m4s
            #EXTINF:2.000000,
            chunk-1-00003.m4s
            #EXT-X-ENDLIST

            """.ReplaceLineEndings("\n"), HlsPlaylists.Media(rendition));
        Assert.Contains("#EXT-X-STREAM-INF:BANDWIDTH=88000,AVERAGE-BANDWIDTH=83429,CODECS=\"mp4a.40.2\"\nmedia_1.m3u8\n", HlsPlaylists.Master([rendition]));

        var mpd = XDocument.Parse(DashManifest.Write([rendition]));
        XNamespace ns = "urn:mpeg:dash:schema:mpd:2011";
        Assert.Equal("PT14S", mpd.Root!.Attribute("mediaPresentationDuration")!.Value);
        var list = mpd.Descendants(ns + "SegmentList").Single();
        Assert.Null(list.Attribute("startNumber"));
        Assert.Equal("88000", mpd.Descendants(ns + "Representation").Single().Attribute("bandwidth")!.Value);
        Assert.Equal(["t=0 d=6000", "d=6000", "d=2000"],
            list.Element(ns + "SegmentTimeline")!.Elements().Select(s => string.Join(' ', s.Attributes().Select(a => $"{a.Name}={a.Value}"))));
        Assert.Equal(["chunk-1-00001.m4s", "chunk-1-00002.m4s", "chunk-1-00003.m4s"], list.Elements(ns + "SegmentURL").Select(e => e.Attribute("media")!.Value));
    }

    public void Dispose() => _audio.Dispose();
}
