namespace Dexel.Playlist.Application;

/// <summary>Offset paging, the same on every list: <c>?offset=&amp;limit=</c>.</summary>
public readonly record struct Page(int Offset, int Limit)
{
    public const int DefaultLimit = 50, MaxLimit = 100;

    /// <summary>Playlists hold up to 10,000 tracks; most fit in one default page.</summary>
    public const int DefaultTrackLimit = 1000, MaxTrackLimit = 1000;

    /// <summary>Far beyond any list, and small enough that offset + limit never overflows.</summary>
    public const int MaxOffset = 100_000_000;

    public static Dictionary<string, string[]> Validate(int? offset, int? limit, int maxLimit)
    {
        var errors = new Dictionary<string, string[]>();
        if (offset is < 0 or > MaxOffset) errors["offset"] = [$"Offset must be between 0 and {MaxOffset}."];
        if (limit is < 1 || limit > maxLimit) errors["limit"] = [$"Limit must be between 1 and {maxLimit}."];
        return errors;
    }

    /// <summary>The next page's offset when more items may follow (fetching one extra tells).</summary>
    public int? Next(int fetched) => fetched > Limit ? Offset + Limit : null;
}
