using System.Text.RegularExpressions;

namespace Dexel.Streaming.Model;

public enum MediaKind
{
    HlsPlaylist,
    DashManifest,
    Segment,
}

/// <summary>
/// The files a transcoded track consists of, their object keys and content types. Only these
/// names are ever served, so a signed URL cannot be bent towards the original or another key.
/// </summary>
public static partial class MediaFiles
{
    public const string Master = "master.m3u8";
    public const string Manifest = "manifest.mpd";

    public static string OriginalKey(Guid trackId) => $"tracks/{trackId:N}/original";

    public static string ObjectKey(Guid trackId, string file) => $"tracks/{trackId:N}/media/{file}";

    /// <summary>The gateway-relative path a signed URL points at.</summary>
    public static string PublicPath(Guid trackId, string file) => $"/api/v1/media/{trackId}/{file}";

    public static MediaKind? KindOf(string file) =>
        file == Master || HlsMediaPlaylist().IsMatch(file) ? MediaKind.HlsPlaylist
        : file == Manifest ? MediaKind.DashManifest
        : Segment().IsMatch(file) ? MediaKind.Segment
        : null;

    public static string ContentType(MediaKind kind) => kind switch
    {
        MediaKind.HlsPlaylist => "application/vnd.apple.mpegurl",
        MediaKind.DashManifest => "application/dash+xml",
        _ => "audio/mp4",
    };

    [GeneratedRegex(@"^media_\d{1,2}\.m3u8$")]
    private static partial Regex HlsMediaPlaylist();

    [GeneratedRegex(@"^(init-\d{1,2}|chunk-\d{1,2}-\d{5,6})\.m4s$")]
    private static partial Regex Segment();
}
