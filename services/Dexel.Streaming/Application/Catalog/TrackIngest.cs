using System.Diagnostics;
using Dexel.Streaming.Application.Transcoding;
using Dexel.Streaming.Infrastructure;
using Dexel.Streaming.Infrastructure.Storage;
using Dexel.Streaming.Model;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Streaming.Application.Catalog;

/// <summary>
/// Keeps an accepted upload's original and queues its transcode in the same commit as the track,
/// within the uploader's quota.
/// </summary>
public sealed class TrackIngest(StreamingDbContext db, MediaStore store, UploadQuota quota, TranscodeSignal signal, TimeProvider time)
{
    /// <returns>The accepted track, or why the uploader's quota refuses it.</returns>
    public async Task<(Track? Track, QuotaRefusal? Refusal)> AcceptAsync(UploadedForm form, Guid ownerId, string? tier, CancellationToken cancellationToken)
    {
        var trackId = Guid.CreateVersion7();
        var strategy = db.Database.CreateExecutionStrategy();
        var accepted = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await quota.CheckAsync(ownerId, tier, cancellationToken) is { } refusal) return (null, refusal);

            var now = time.GetUtcNow().UtcDateTime;
            var track = new Track
            {
                Id = trackId,
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
            db.TranscodeJobs.Add(new TranscodeJob
            {
                TrackId = track.Id, NextAttemptAt = now, CreatedAt = now, UpdatedAt = now,
                TraceParent = Activity.Current?.Id, TraceState = Activity.Current?.TraceStateString,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ((Track?)track, (QuotaRefusal?)null);
        });
        if (accepted.Item1 is not null) signal.Notify();
        return accepted;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
