namespace Dexel.Playlist.Model;

/// <summary>This service's copy of a ready track, kept from <c>track.published</c> events.</summary>
public sealed class Track
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public string Artist { get; set; } = "";
    public string? Album { get; set; }
    public string? Genre { get; set; }
    public long DurationMs { get; set; }
    public DateTime PublishedAt { get; set; }
}
