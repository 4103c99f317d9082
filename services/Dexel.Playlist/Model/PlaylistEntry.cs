namespace Dexel.Playlist.Model;

/// <summary>One occurrence of a track in a playlist; the same track may appear more than once.</summary>
public sealed class PlaylistEntry
{
    private PlaylistEntry() { }

    public PlaylistEntry(Guid playlistId, Guid trackId, int position, DateTime addedAt)
    {
        Id = Guid.CreateVersion7();
        PlaylistId = playlistId;
        TrackId = trackId;
        Position = position;
        AddedAt = addedAt;
    }

    public Guid Id { get; private set; }
    public Guid PlaylistId { get; private set; }
    public Guid TrackId { get; private set; }
    public int Position { get; internal set; }
    public DateTime AddedAt { get; private set; }
}
