using System.Globalization;
using System.Text.Json;

namespace Dexel.Streaming.Application.Transcoding;

/// <summary>What validation learned: usable audio of a duration, or why the file is refused.</summary>
public sealed record AudioValidation(TimeSpan Duration, string? Rejection)
{
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(3);

    public bool IsValid => Rejection is null;

    public static AudioValidation Rejected(string reason) => new(TimeSpan.Zero, reason);

    /// <summary>
    /// Judges ffprobe's JSON (what the container claims) against the duration a full decode
    /// actually produced; a decode that stops well short of the claim means a truncated file.
    /// </summary>
    public static AudioValidation Judge(string ffprobeJson, TimeSpan decoded)
    {
        using var probe = JsonDocument.Parse(ffprobeJson);
        var root = probe.RootElement;
        var format = root.TryGetProperty("format", out var f) && f.TryGetProperty("format_name", out var name) ? name.GetString() : null;
        var audio = root.TryGetProperty("streams", out var streams)
            ? streams.EnumerateArray().FirstOrDefault(s => s.TryGetProperty("codec_type", out var type) && type.GetString() == "audio")
            : default;
        if (audio.ValueKind != JsonValueKind.Object)
            return Rejected($"The file has no audio stream (detected format: {format ?? "unknown"}).");

        var declared = Seconds(audio) ?? (root.TryGetProperty("format", out var fmt) ? Seconds(fmt) : null);
        if (declared is { } claim && claim - decoded > TimeSpan.FromSeconds(Math.Max(0.5, claim.TotalSeconds * 0.02)))
            return Rejected($"The audio is truncated: the file declares {claim.TotalSeconds:0.0} s but only {decoded.TotalSeconds:0.0} s could be decoded.");
        return CheckDuration(decoded);
    }

    /// <summary>A rejection when the container itself declares more than the maximum length.</summary>
    public static AudioValidation? DeclaredTooLong(string ffprobeJson)
    {
        using var probe = JsonDocument.Parse(ffprobeJson);
        return probe.RootElement.TryGetProperty("format", out var format) && Seconds(format) is { } declared && declared > MaxDuration
            ? CheckDuration(declared)
            : null;
    }

    public static AudioValidation CheckDuration(TimeSpan duration) =>
        duration < MinDuration ? Rejected($"The audio is {duration.TotalSeconds:0.0} s long; at least {MinDuration.TotalSeconds:0} s is required.")
        : duration > MaxDuration ? Rejected($"The audio is {duration.TotalHours:0.0} h long; at most {MaxDuration.TotalHours:0} h is accepted.")
        : new AudioValidation(duration, null);

    /// <summary>The last out_time_us an ffmpeg -progress run reported: the decoded length.</summary>
    public static TimeSpan DecodedDuration(string progress)
    {
        long micros = 0;
        foreach (var line in progress.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("out_time_us=", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                micros = Math.Max(micros, value);
        }
        return TimeSpan.FromMicroseconds(micros);
    }

    private static TimeSpan? Seconds(JsonElement element) =>
        element.TryGetProperty("duration", out var d) && double.TryParse(d.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
            ? TimeSpan.FromSeconds(s)
            : null;
}
