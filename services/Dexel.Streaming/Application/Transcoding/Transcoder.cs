using System.Globalization;
using Dexel.Streaming.Model;
using Microsoft.Extensions.Options;

namespace Dexel.Streaming.Application.Transcoding;

/// <summary>
/// Encodes each rendition once into fMP4 segments that both the DASH manifest and the HLS
/// playlists point at, so the two formats cost a single encode. ffmpeg's AAC encoder runs on one
/// thread, so every rendition is its own ffmpeg process and the renditions encode in parallel
/// (one per core); each writes the same names one run with all three would
/// (init-{id}.m4s, chunk-{id}-{n}.m4s). The manifests ffmpeg writes are scratch: the packager
/// writes the real ones, measured from the segments.
/// </summary>
public sealed class Transcoder(ProcessRunner runner, IOptions<TranscodingOptions> options)
{
    public async Task<ProcessResult> TranscodeAsync(string input, string outputDirectory, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var timeout = TimeSpan.FromSeconds(settings.ProcessTimeoutSeconds);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var runs = Enumerable.Range(0, Renditions.BitratesKbps.Count).Select(async id =>
        {
            var result = await runner.RunAsync(settings.FfmpegPath, Arguments(input, outputDirectory, id), timeout, failed.Token);
            // One failed rendition fails the track: the others need not finish.
            if (result.ExitCode != 0) await failed.CancelAsync();
            return result;
        }).ToList();

        ProcessResult[] results;
        try
        {
            results = await Task.WhenAll(runs);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The runs cut short report only their cancellation; the one that failed says why.
            results = runs.Where(run => run.IsCompletedSuccessfully).Select(run => run.Result).ToArray();
        }

        foreach (var scratch in Directory.GetFiles(outputDirectory, "ffmpeg-*.mpd")) File.Delete(scratch);
        return results.FirstOrDefault(result => result.ExitCode != 0) ?? results[0];
    }

    private static List<string> Arguments(string input, string outputDirectory, int id)
    {
        var rendition = id.ToString(CultureInfo.InvariantCulture);
        return
        [
            "-nostdin", "-v", "error", .. SafeInput.Arguments(input),
            "-map", "0:a:0", "-vn", "-c:a", "aac",
            "-ac", Renditions.Channels.ToString(CultureInfo.InvariantCulture), "-ar", Renditions.SampleRate.ToString(CultureInfo.InvariantCulture),
            "-b:a", Renditions.BitratesKbps[id].ToString(CultureInfo.InvariantCulture) + "k",
            "-f", "dash",
            "-seg_duration", Renditions.SegmentSeconds.ToString(CultureInfo.InvariantCulture),
            // An explicit segment list (not a template) lets every segment URL be signed on its own.
            "-use_template", "0", "-use_timeline", "0",
            "-adaptation_sets", "id=0,streams=a",
            "-init_seg_name", $"init-{rendition}.m4s",
            "-media_seg_name", $"chunk-{rendition}-$Number%05d$.m4s",
            Path.Combine(outputDirectory, $"ffmpeg-{rendition}.mpd"),
        ];
    }
}
