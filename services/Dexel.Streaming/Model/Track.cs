namespace Dexel.Streaming.Model;

public static class TrackStatus
{
    public const string Processing = "processing";
    public const string Ready = "ready";
    public const string Failed = "failed";
}

/// <summary>A catalog entry and where its media lives; the uploader owns it.</summary>
public sealed class Track
{
    public Guid Id { get; init; }
    public Guid OwnerId { get; init; }
    public required string Title { get; set; }
    public required string Artist { get; set; }
    public string? Album { get; set; }
    public string? Genre { get; set; }
    public string Status { get; private set; } = TrackStatus.Processing;
    public string? Error { get; private set; }
    public long? DurationMs { get; private set; }
    public int[] BitratesKbps { get; private set; } = [];
    public long OriginalBytes { get; init; }
    public string? OriginalFileName { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ReadyAt { get; private set; }

    public void MarkReady(long durationMs, IReadOnlyList<int> bitratesKbps, DateTime now)
    {
        Status = TrackStatus.Ready;
        Error = null;
        DurationMs = durationMs;
        BitratesKbps = [.. bitratesKbps];
        ReadyAt = now;
    }

    public void MarkFailed(string reason)
    {
        Status = TrackStatus.Failed;
        // Reasons quote ffmpeg's stderr; keep the row and the API answer readable.
        Error = reason.Length > 1000 ? reason[..1000] : reason;
    }
}
