namespace Dexel.Web.Api;

/// <summary>Every list the API returns, as what the player and the track list need.</summary>
public static class TrackSummaries
{
    public static TrackSummary Summary(this Track track) => new(track.Id, track.Title, track.Artist);
    public static TrackSummary Summary(this ChartTrack track) => new(track.TrackId, track.Title, track.Artist);
    public static TrackSummary Summary(this HistoryItem item) => new(item.TrackId, item.Title, item.Artist);
    public static TrackSummary Summary(this PlaylistEntry entry) => new(entry.TrackId, entry.Title, entry.Artist);
    public static TrackSummary Summary(this TrackCount track) => new(track.TrackId, track.Title, track.Artist);
}
