namespace Dexel.Streaming.Application.Transcoding;

/// <summary>The "Streaming:Transcoding" configuration section.</summary>
public sealed class TranscodingOptions
{
    /// <summary>Tracks transcoded at once; 0 means one per core. Each track runs one single-threaded ffmpeg per rendition in parallel.</summary>
    public int MaxConcurrency { get; set; }

    /// <summary>A claimed job belongs to its worker this long unless renewed; a crashed worker's job is retaken after it.</summary>
    public int LeaseSeconds { get; set; } = 60;

    public int MaxAttempts { get; set; } = 4;

    /// <summary>First retry delay; doubles with each attempt.</summary>
    public int RetryBaseSeconds { get; set; } = 5;

    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>One ffmpeg or ffprobe run may take at most this long before it is killed.</summary>
    public int ProcessTimeoutSeconds { get; set; } = 900;

    public string FfmpegPath { get; set; } = "ffmpeg";

    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>Where originals are downloaded to and renditions written before upload.</summary>
    public string? WorkDirectory { get; set; }

    public int EffectiveConcurrency => MaxConcurrency > 0 ? MaxConcurrency : Math.Max(1, Environment.ProcessorCount);
}
