namespace Dexel.Playlist.Model;

/// <summary>
/// A user's ordered list of tracks. Every change bumps <see cref="Version"/>, the optimistic
/// concurrency token: a write based on an older version fails instead of overwriting.
/// Positions are always contiguous, 0..n-1.
/// </summary>
public sealed class Playlist
{
    public const int MaxEntries = 10_000;
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1_000;

    private Playlist() { }

    public Playlist(Guid ownerId, string name, string? description, bool isPublic, DateTime now)
    {
        Id = Guid.CreateVersion7();
        OwnerId = ownerId;
        Name = name;
        Description = description;
        IsPublic = isPublic;
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid OwnerId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public bool IsPublic { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public List<PlaylistEntry> Entries { get; private set; } = [];

    public bool IsOwnedBy(Guid userId) => OwnerId == userId;

    public bool IsVisibleTo(Guid? userId) => IsPublic || (userId is { } id && IsOwnedBy(id));

    public void Describe(string? name, string? description, bool? isPublic, DateTime now)
    {
        if (name is not null) Name = name;
        // Null leaves the description as it is; a blank one clears it.
        if (description is not null) Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (isPublic is { } visibility) IsPublic = visibility;
        Touch(now);
    }

    /// <summary>Inserts at <paramref name="position"/> (the end when null), shifting later entries down.</summary>
    public PlaylistEntry Add(Guid trackId, int? position, DateTime now)
    {
        if (Entries.Count >= MaxEntries)
            throw new PlaylistRuleException("tracks", $"A playlist holds at most {MaxEntries} tracks.");
        var at = position ?? Entries.Count;
        if (at < 0 || at > Entries.Count)
            throw new PlaylistRuleException("position", $"Position must be between 0 and {Entries.Count}.");

        foreach (var later in Entries.Where(e => e.Position >= at)) later.Position++;
        var entry = new PlaylistEntry(Id, trackId, at, now);
        Entries.Add(entry);
        Touch(now);
        return entry;
    }

    public PlaylistEntry RemoveAt(int position, DateTime now)
    {
        var entry = Entries.SingleOrDefault(e => e.Position == position)
            ?? throw new PlaylistRuleException("position", $"There is no track at position {position}; positions run from 0 to {Entries.Count - 1}.");
        Entries.Remove(entry);
        foreach (var later in Entries.Where(e => e.Position > position)) later.Position--;
        Touch(now);
        return entry;
    }

    /// <summary>Drops every occurrence of a track that left the catalog, closing the gaps.</summary>
    /// <returns>How many entries were dropped.</returns>
    public int RemoveTrack(Guid trackId, DateTime now)
    {
        var removed = Entries.RemoveAll(e => e.TrackId == trackId);
        if (removed == 0) return 0;
        var position = 0;
        foreach (var entry in Entries.OrderBy(e => e.Position)) entry.Position = position++;
        Touch(now);
        return removed;
    }

    /// <summary>Applies a full new order: every current entry exactly once, nothing else.</summary>
    public void Reorder(IReadOnlyList<Guid> entryIds, DateTime now)
    {
        var problem = ReorderProblem(entryIds);
        if (problem is not null) throw new PlaylistRuleException("entryIds", problem);

        var byId = Entries.ToDictionary(e => e.Id);
        for (var position = 0; position < entryIds.Count; position++) byId[entryIds[position]].Position = position;
        Touch(now);
    }

    public IEnumerable<PlaylistEntry> InOrder() => Entries.OrderBy(e => e.Position);

    private string? ReorderProblem(IReadOnlyList<Guid> entryIds)
    {
        if (entryIds.Count != Entries.Count)
            return $"The new order must list all {Entries.Count} entries; it lists {entryIds.Count}.";
        // Same count, nothing foreign, nothing twice: exactly a permutation of the entries.
        var known = Entries.Select(e => e.Id).ToHashSet();
        var seen = new HashSet<Guid>();
        foreach (var id in entryIds)
        {
            if (!known.Contains(id)) return $"Entry {id} is not in this playlist.";
            if (!seen.Add(id)) return $"Entry {id} is listed more than once.";
        }
        return null;
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
