namespace Dexel.Streaming.Application.Transcoding;

/// <summary>
/// How ffmpeg and ffprobe open an upload: from the local file only, and only as one of the audio
/// containers Dexel accepts. No playlists (hls), concat lists or network protocols, so a crafted
/// upload cannot make the transcoder read any other file or address.
/// </summary>
public static class SafeInput
{
    /// <summary>Demuxer names; "mov" covers mp4/m4a, "matroska" covers webm.</summary>
    public const string AcceptedContainers = "wav,w64,mp3,flac,ogg,mov,aac,aiff,caf,matroska";

    public static string[] Arguments(string path) =>
        ["-protocol_whitelist", "file", "-format_whitelist", AcceptedContainers, "-i", path];

    /// <summary>A tool's error line without the server's path of the upload.</summary>
    public static string Describe(ProcessResult result, string path) =>
        result.FirstErrorLine.Replace(path, "upload", StringComparison.Ordinal);
}
