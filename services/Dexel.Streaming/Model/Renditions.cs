namespace Dexel.Streaming.Model;

/// <summary>The adaptive-bitrate ladder every track is encoded to (AAC, ~6 s segments).</summary>
public static class Renditions
{
    public static readonly IReadOnlyList<int> BitratesKbps = [64, 128, 256];

    public const int SegmentSeconds = 6;
}
