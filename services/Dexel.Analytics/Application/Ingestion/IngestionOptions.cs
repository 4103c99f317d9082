namespace Dexel.Analytics.Application.Ingestion;

public sealed class IngestionOptions
{
    public string GroupId { get; set; } = "analytics";
    /// <summary>A batch is stored when it holds this many events...</summary>
    public int MaxBatchSize { get; set; } = 50_000;
    /// <summary>...or when its first event has waited this long.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
