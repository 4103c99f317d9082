using System.Buffers.Binary;
using System.Text;

namespace Dexel.Streaming.Application.Packaging;

/// <summary>The audio track's timescale and the media time its presentation starts at (the encoder's priming, from the edit list).</summary>
public sealed record TrackTiming(long Timescale, long PresentationOffset, long DefaultSampleDuration);

/// <summary>A media segment's decode start (tfdt) and the summed durations of its samples, in the track's timescale.</summary>
public sealed record FragmentTiming(long BaseMediaDecodeTime, long Duration);

/// <summary>
/// Reads timing out of fragmented MP4 boxes (ISO/IEC 14496-12): the init segment's mdhd, elst and
/// trex, and each media segment's tfdt, tfhd and trun. Manifests are written from these numbers,
/// so they describe the segments exactly as stored rather than as the encoder was asked to cut them.
/// </summary>
public static class Fmp4Timing
{
    private const uint DefaultDurationPresent = 0x08;
    private const uint BaseDataOffsetPresent = 0x01;
    private const uint SampleDescriptionPresent = 0x02;
    private const uint DataOffsetPresent = 0x01;
    private const uint FirstSampleFlagsPresent = 0x04;
    private const uint SampleDurationPresent = 0x100;
    private const uint SampleSizePresent = 0x200;
    private const uint SampleFlagsPresent = 0x400;
    private const uint CompositionOffsetPresent = 0x800;

    public static TrackTiming ReadInit(ReadOnlySpan<byte> init)
    {
        var moov = Required(init, "moov");
        var trak = Required(moov, "trak");
        var mdhd = Required(Required(trak, "mdia"), "mdhd");
        var timescale = BinaryPrimitives.ReadUInt32BigEndian(mdhd[(mdhd[0] == 1 ? 20 : 12)..]);

        long offset = 0;
        var elst = Child(Child(trak, "edts"), "elst");
        if (!elst.IsEmpty)
        {
            var version = elst[0];
            var entries = BinaryPrimitives.ReadUInt32BigEndian(elst[4..]);
            var entry = elst[8..];
            for (var i = 0; i < entries; i++, entry = entry[(version == 1 ? 20 : 12)..])
            {
                // An empty edit (media time -1) delays the track; the first real one names where it starts.
                long mediaTime = version == 1 ? BinaryPrimitives.ReadInt64BigEndian(entry[8..]) : BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
                if (mediaTime >= 0) { offset = mediaTime; break; }
            }
        }

        long defaultDuration = 0;
        var trex = Child(Child(moov, "mvex"), "trex");
        if (!trex.IsEmpty)
            defaultDuration = BinaryPrimitives.ReadUInt32BigEndian(trex[12..]);
        return new TrackTiming(timescale, offset, defaultDuration);
    }

    public static FragmentTiming ReadSegment(ReadOnlySpan<byte> segment, TrackTiming track)
    {
        long? start = null;
        long duration = 0;
        foreach (var moof in Children(segment, "moof"))
        {
            foreach (var traf in Children(moof.Span(segment), "traf"))
            {
                var box = traf.Span(moof.Span(segment));
                var defaultDuration = DefaultSampleDuration(Required(box, "tfhd"), track.DefaultSampleDuration);
                var tfdt = Child(box, "tfdt");
                if (start is null && !tfdt.IsEmpty)
                    start = tfdt[0] == 1 ? (long)BinaryPrimitives.ReadUInt64BigEndian(tfdt[4..]) : BinaryPrimitives.ReadUInt32BigEndian(tfdt[4..]);
                foreach (var trun in Children(box, "trun")) duration += RunDuration(trun.Span(box), defaultDuration);
            }
        }
        return new FragmentTiming(start ?? throw Invalid("segment has no tfdt"), duration);
    }

    private static long DefaultSampleDuration(ReadOnlySpan<byte> tfhd, long fallback)
    {
        var flags = Flags(tfhd);
        var at = 8; // version, flags, track id
        if ((flags & BaseDataOffsetPresent) != 0) at += 8;
        if ((flags & SampleDescriptionPresent) != 0) at += 4;
        return (flags & DefaultDurationPresent) != 0 ? BinaryPrimitives.ReadUInt32BigEndian(tfhd[at..]) : fallback;
    }

    private static long RunDuration(ReadOnlySpan<byte> trun, long defaultDuration)
    {
        var flags = Flags(trun);
        var count = BinaryPrimitives.ReadUInt32BigEndian(trun[4..]);
        if ((flags & SampleDurationPresent) == 0) return count * defaultDuration;
        var at = 8 + ((flags & DataOffsetPresent) != 0 ? 4 : 0) + ((flags & FirstSampleFlagsPresent) != 0 ? 4 : 0);
        var stride = 4 * (1 + ((flags & SampleSizePresent) != 0 ? 1 : 0) + ((flags & SampleFlagsPresent) != 0 ? 1 : 0) + ((flags & CompositionOffsetPresent) != 0 ? 1 : 0));
        long total = 0;
        for (var i = 0; i < count; i++, at += stride) total += BinaryPrimitives.ReadUInt32BigEndian(trun[at..]);
        return total;
    }

    private static uint Flags(ReadOnlySpan<byte> fullBox) => BinaryPrimitives.ReadUInt32BigEndian(fullBox) & 0xFFFFFF;

    private readonly record struct Box(int Start, int Length)
    {
        public ReadOnlySpan<byte> Span(ReadOnlySpan<byte> parent) => parent.Slice(Start, Length);
    }

    private static ReadOnlySpan<byte> Required(ReadOnlySpan<byte> parent, string type)
    {
        var child = Child(parent, type);
        return child.IsEmpty ? throw Invalid($"no {type} box") : child;
    }

    /// <summary>The payload of the first child box of this type; empty when there is none.</summary>
    private static ReadOnlySpan<byte> Child(ReadOnlySpan<byte> parent, string type)
    {
        foreach (var box in Children(parent, type)) return box.Span(parent);
        return [];
    }

    private static List<Box> Children(ReadOnlySpan<byte> parent, string type)
    {
        var found = new List<Box>();
        var at = 0;
        while (at + 8 <= parent.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(parent[at..]);
            var header = 8;
            if (size == 1)
            {
                if (at + 16 > parent.Length) throw Invalid("truncated box header");
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(parent[(at + 8)..]);
                header = 16;
            }
            else if (size == 0) size = parent.Length - at; // extends to the end
            if (size < header || at + size > parent.Length) throw Invalid("box size runs past its parent");
            if (Encoding.ASCII.GetString(parent.Slice(at + 4, 4)) == type) found.Add(new Box(at + header, (int)size - header));
            at += (int)size;
        }
        return found;
    }

    private static InvalidDataException Invalid(string what) => new($"Not a fragmented MP4 the packager understands: {what}.");
}
