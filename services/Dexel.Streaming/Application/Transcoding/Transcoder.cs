using System.Globalization;
using Dexel.Streaming.Model;
using Microsoft.Extensions.Options;

namespace Dexel.Streaming.Application.Transcoding;

/// <summary>
/// One ffmpeg run encodes each rendition once into fMP4 segments that both the DASH manifest
/// and the HLS playlists point at, so the two formats cost a single encode. The manifests ffmpeg
/// writes are replaced by the packager's, measured from the segments.
/// </summary>
public sealed class Transcoder(ProcessRunner runner, IOptions<TranscodingOptions> options)
{
    public async Task<ProcessResult> TranscodeAsync(string input, string outputDirectory, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        List<string> arguments = ["-nostdin", "-v", "error", .. SafeInput.Arguments(input)];
        foreach (var _ in Renditions.BitratesKbps) arguments.AddRange(["-map", "0:a:0"]);
        arguments.AddRange(["-vn", "-c:a", "aac",
            "-ac", Renditions.Channels.ToString(CultureInfo.InvariantCulture), "-ar", Renditions.SampleRate.ToString(CultureInfo.InvariantCulture)]);
        for (var i = 0; i < Renditions.BitratesKbps.Count; i++)
            arguments.AddRange([$"-b:a:{i}", Renditions.BitratesKbps[i].ToString(CultureInfo.InvariantCulture) + "k"]);
        arguments.AddRange([
            "-f", "dash",
            "-seg_duration", Renditions.SegmentSeconds.ToString(CultureInfo.InvariantCulture),
            // An explicit segment list (not a template) lets every segment URL be signed on its own.
            "-use_template", "0", "-use_timeline", "0",
            "-adaptation_sets", "id=0,streams=a",
            "-init_seg_name", "init-$RepresentationID$.m4s",
            "-media_seg_name", "chunk-$RepresentationID$-$Number%05d$.m4s",
            Path.Combine(outputDirectory, MediaFiles.Manifest),
        ]);
        return await runner.RunAsync(settings.FfmpegPath, arguments, TimeSpan.FromSeconds(settings.ProcessTimeoutSeconds), cancellationToken);
    }
}
