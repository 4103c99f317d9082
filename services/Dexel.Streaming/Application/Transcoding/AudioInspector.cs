using Microsoft.Extensions.Options;

namespace Dexel.Streaming.Application.Transcoding;

/// <summary>Decides from the file itself (never its name or declared type) whether it is usable audio.</summary>
public sealed class AudioInspector(ProcessRunner runner, IOptions<TranscodingOptions> options)
{
    public async Task<AudioValidation> InspectAsync(string path, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var timeout = TimeSpan.FromSeconds(settings.ProcessTimeoutSeconds);

        var head = new byte[4096];
        long length;
        await using (var file = File.OpenRead(path))
        {
            length = file.Length;
            var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            if (WaveHeader.FindTruncation(head.AsSpan(0, read), length) is { } truncated) return AudioValidation.Rejected(truncated);
        }

        var probe = await runner.RunAsync(settings.FfprobePath,
            ["-v", "error", "-show_entries", "format=duration,format_name:stream=codec_type,codec_name,duration", "-of", "json", .. SafeInput.Arguments(path)],
            timeout, cancellationToken);
        if (probe.ExitCode != 0)
            return AudioValidation.Rejected($"The file is not readable audio in a format Dexel accepts: {SafeInput.Describe(probe, path)}");
        // Too long is known from the container already: refuse before paying for a full decode.
        if (AudioValidation.DeclaredTooLong(probe.StandardOutput) is { } tooLong) return tooLong;

        // A full decode is the only proof every frame is there; it runs far faster than real time.
        var decode = await runner.RunAsync(settings.FfmpegPath,
            ["-nostdin", "-v", "error", .. SafeInput.Arguments(path), "-map", "0:a:0", "-f", "null", "-stats_period", "60", "-progress", "pipe:1", "-"],
            timeout, cancellationToken);
        if (decode.ExitCode != 0)
            return probe.StandardOutput.Contains("\"audio\"", StringComparison.Ordinal)
                ? AudioValidation.Rejected($"The audio could not be decoded: {SafeInput.Describe(decode, path)}")
                : AudioValidation.Judge(probe.StandardOutput, TimeSpan.Zero);

        return AudioValidation.Judge(probe.StandardOutput, AudioValidation.DecodedDuration(decode.StandardOutput));
    }
}
