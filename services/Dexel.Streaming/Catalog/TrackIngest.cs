using Dexel.Streaming.Apis;
using Dexel.Streaming.Infrastructure;
using Dexel.Streaming.Model;
using Dexel.Streaming.Storage;
using Dexel.Streaming.Transcoding;

namespace Dexel.Streaming.Catalog;

/// <summary>Keeps an accepted upload's original and queues its transcode in the same commit as the track.</summary>
public sealed class TrackIngest(StreamingDbContext db, MediaStore store, TranscodeSignal signal, TimeProvider time)
{
    public async Task<Track> AcceptAsync(UploadedForm form, Guid ownerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var track = new Track
        {
            Id = Guid.CreateVersion7(),
            OwnerId = ownerId,
            Title = form.Fields["title"].Trim(),
            Artist = form.Fields["artist"].Trim(),
            Album = Blank(form.Fields.GetValueOrDefault("album")),
            Genre = Blank(form.Fields.GetValueOrDefault("genre")),
            OriginalBytes = form.FileBytes,
            OriginalFileName = form.FileName is { Length: > 255 } name ? name[..255] : form.FileName,
            CreatedAt = now,
        };
        await store.UploadFileAsync(MediaFiles.OriginalKey(track.Id), form.FilePath!, form.FileContentType ?? "application/octet-stream", cancellationToken);

        db.Tracks.Add(track);
        db.TranscodeJobs.Add(new TranscodeJob { TrackId = track.Id, NextAttemptAt = now, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return track;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
