using Dexel.Streaming.Model;

namespace Dexel.Streaming.Application;

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
    string? Error,
    Guid UploaderId)
{
    public static TrackResponse From(Track track) => new(track.Id, track.Title, track.Artist, track.Album, track.Genre,
        track.DurationMs, track.Status, track.BitratesKbps, track.Error, track.OwnerId);
}

public sealed record TrackList(IReadOnlyList<TrackResponse> Items);

public sealed record StreamUrls(string Hls, string Dash, DateTimeOffset ExpiresAt);

/// <summary>Nullable members, so a missing field is a validation error rather than a default.</summary>
public sealed record PlaybackEventRequest(Guid? TrackId, string? Type, long? PositionMs);

/// <summary>Streaming's part of the user's data export: every track they uploaded, in any state.</summary>
public sealed record UploadsExport(IReadOnlyList<UploadedTrackExport> Uploads);
public sealed record UploadedTrackExport(
    Guid Id, string Title, string Artist, string? Album, string? Genre, string Status, string? Error, long? DurationMs,
    string? OriginalFileName, long OriginalBytes, DateTime CreatedAt, DateTime? ReadyAt);

/// <summary>What a multipart upload carried: the form fields, and the file spooled to a temp path.</summary>
public sealed record UploadedForm(IReadOnlyDictionary<string, string> Fields, string? FilePath, string? FileName, long FileBytes, string? FileContentType);
