using Dexel.Streaming.Model;

namespace Dexel.Streaming.Apis;

public sealed record UploadAccepted(Guid Id, string Status);

public sealed record TrackResponse(
    Guid Id,
    string Title,
    string Artist,
    string? Album,
    string? Genre,
    long? DurationMs,
    string Status,
    IReadOnlyList<int> BitratesKbps,
    string? Error)
{
    public static TrackResponse From(Track track) => new(track.Id, track.Title, track.Artist, track.Album, track.Genre,
        track.DurationMs, track.Status, track.BitratesKbps, track.Error);
}

public sealed record TrackList(IReadOnlyList<TrackResponse> Items);

public sealed record StreamUrls(string Hls, string Dash, DateTimeOffset ExpiresAt);

/// <summary>Nullable members, so a missing field is a validation error rather than a default.</summary>
public sealed record PlaybackEventRequest(Guid? TrackId, string? Type, long? PositionMs);
