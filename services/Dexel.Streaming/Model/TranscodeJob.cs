namespace Dexel.Streaming.Model;

public static class JobStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>
/// The durable work item behind a track: claimed with a lease so a crashed worker's job is
/// taken over once the lease runs out, retried with backoff, abandoned after too many attempts.
/// </summary>
public sealed class TranscodeJob
{
    public Guid TrackId { get; init; }
    public string Status { get; set; } = JobStatus.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public string? LastError { get; set; }

    /// <summary>The upload's trace context, so the transcode continues the upload's trace.</summary>
    public string? TraceParent { get; init; }
    public string? TraceState { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}
