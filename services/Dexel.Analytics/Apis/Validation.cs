namespace Dexel.Analytics.Apis;

/// <summary>Collects parameter errors into the map of a 400 validation problem.</summary>
internal sealed class Validation
{
    public const int MaxLimit = 100;
    public Dictionary<string, string[]> Errors { get; } = [];
    public bool Failed => Errors.Count > 0;

    public Validation Add(string field, string? error)
    {
        if (error is not null) Errors[field] = [error];
        return this;
    }

    public Validation Limit(int? limit, int max = MaxLimit) =>
        Add("limit", limit is null or (>= 1 and <= MaxLimit) && (limit ?? 1) <= max ? null : $"limit must be between 1 and {max}.");
}
