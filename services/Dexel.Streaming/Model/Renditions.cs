namespace Dexel.Streaming.Model;

/// <summary>The adaptive-bitrate ladder every track is encoded to (AAC-LC, 44.1 kHz stereo, ~6 s segments).</summary>
public static class Renditions
{
    public static readonly IReadOnlyList<int> BitratesKbps = [64, 128, 256];

    public const int SegmentSeconds = 6;

    public const int SampleRate = 44100;

    public const int Channels = 2;

    /// <summary>RFC 6381 codec of AAC-LC, as both HLS CODECS and DASH @codecs name it.</summary>
    public const string Codec = "mp4a.40.2";
}
