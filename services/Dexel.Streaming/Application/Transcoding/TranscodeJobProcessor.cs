using System.Diagnostics;
using Dexel.EventBus.IntegrationEvents;
using Dexel.EventBus.Outbox;
using Dexel.Streaming.Application.Catalog;
using Dexel.Streaming.Application.Packaging;
using Dexel.Streaming.Infrastructure;
using Dexel.Streaming.Infrastructure.Storage;
using Dexel.Streaming.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dexel.Streaming.Application.Transcoding;

/// <summary>A failure worth another attempt (ffmpeg crashed, the object store hiccuped), as opposed to a bad file.</summary>
public sealed class TransientTranscodeException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One claimed job, start to finish: fetch the original, validate, encode, store, publish.</summary>
public sealed class TranscodeJobProcessor(
    StreamingDbContext db,
    MediaStore store,
    AudioInspector inspector,
    Transcoder transcoder,
    TimeProvider time,
    IOptions<TranscodingOptions> options,
    TranscodeMetrics metrics,
    TrackRemoval removal,
    ILogger<TranscodeJobProcessor> logger)
{
    public async Task ProcessAsync(ClaimedJob job, CancellationToken cancellationToken)
    {
        // A child of the upload that queued it: the upload, the transcode and what it publishes are one trace.
        using var activity = DexelTelemetry.ActivitySource.StartActivity("transcode track", ActivityKind.Consumer, job.Parent);
        activity?.SetTag("dexel.track.id", job.TrackId);
        activity?.SetTag("dexel.transcode.attempt", job.Attempt);
        var track = await db.Tracks.SingleOrDefaultAsync(t => t.Id == job.TrackId, cancellationToken);
        var row = await db.TranscodeJobs.SingleAsync(j => j.TrackId == job.TrackId, cancellationToken);
        if (track is null || track.Status != TrackStatus.Processing)
        {
            Finish(row, JobStatus.Done, null);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        if (job.Attempt > options.Value.MaxAttempts)
        {
            metrics.Ended("abandoned");
            await GiveUpAsync(track, row, $"Transcoding was abandoned after {options.Value.MaxAttempts} attempts: {row.LastError ?? "the worker stopped while processing it"}", cancellationToken);
            return;
        }

        var workDirectory = Path.Combine(options.Value.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "dexel-streaming"), $"{job.TrackId:N}-{job.Attempt}");
        var outputDirectory = Path.Combine(workDirectory, "out");
        Directory.CreateDirectory(outputDirectory);
        try
        {
            var original = Path.Combine(workDirectory, "original");
            await StoreStepAsync(() => store.DownloadToFileAsync(MediaFiles.OriginalKey(track.Id), original, cancellationToken), "download the original");

            var validation = await inspector.InspectAsync(original, cancellationToken);
            if (!validation.IsValid)
            {
                // A bad file stays bad: no retry.
                logger.LogInformation("Track {TrackId} rejected: {Reason}", track.Id, validation.Rejection);
                metrics.Ended("rejected");
                await GiveUpAsync(track, row, validation.Rejection!, cancellationToken);
                return;
            }

            var started = time.GetTimestamp();
            var result = await transcoder.TranscodeAsync(original, outputDirectory, cancellationToken);
            if (result.ExitCode != 0) throw new TransientTranscodeException($"ffmpeg failed: {SafeInput.Describe(result, original)}");
            try
            {
                Packager.WriteManifests(outputDirectory);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentOutOfRangeException)
            {
                throw new TransientTranscodeException($"Could not package the segments: {ex.Message}", ex);
            }
            var elapsed = time.GetElapsedTime(started);
            metrics.Encoded(validation.Duration, elapsed);
            logger.LogInformation("Track {TrackId}: {Seconds:0.0} s of audio transcoded in {Elapsed:0.00} s",
                track.Id, validation.Duration.TotalSeconds, elapsed.TotalSeconds);

            await UploadOutputAsync(track.Id, outputDirectory, cancellationToken);

            track.MarkReady((long)validation.Duration.TotalMilliseconds, Renditions.BitratesKbps, time.GetUtcNow().UtcDateTime);
            Finish(row, JobStatus.Done, null);
            db.AddIntegrationEvent(new TrackPublished(track.Id, track.OwnerId, track.Title, track.Artist, track.Album, track.Genre,
                track.DurationMs!.Value, track.BitratesKbps));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The track was deleted while it was being transcoded: take back what this run stored.
                logger.LogInformation("Track {TrackId} was deleted during transcoding; removing its media", track.Id);
                await removal.RemoveMediaAsync(track.Id, cancellationToken);
                metrics.Ended("deleted");
                return;
            }
            metrics.Ended("ready");
        }
        finally
        {
            TryDelete(workDirectory);
        }
    }

    /// <summary>Fails the track for good, with a reason its owner can read.</summary>
    public async Task GiveUpAsync(Track track, TranscodeJob row, string reason, CancellationToken cancellationToken)
    {
        track.MarkFailed(reason);
        Finish(row, JobStatus.Failed, reason);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task UploadOutputAsync(Guid trackId, string outputDirectory, CancellationToken cancellationToken)
    {
        // Segments first, playlists last: a playlist never points at a segment not yet stored.
        var files = Directory.GetFiles(outputDirectory)
            .Select(path => (path, name: Path.GetFileName(path), kind: MediaFiles.KindOf(Path.GetFileName(path))))
            .Where(file => file.kind is not null)
            .OrderBy(file => file.kind == MediaKind.Segment ? 0 : 1)
            .ToList();
        if (!files.Any(f => f.name == MediaFiles.Master) || !files.Any(f => f.name == MediaFiles.Manifest))
            throw new TransientTranscodeException("ffmpeg finished without writing the master playlist and manifest.");

        foreach (var file in files)
        {
            await StoreStepAsync(() => store.UploadFileAsync(MediaFiles.ObjectKey(trackId, file.name), file.path,
                MediaFiles.ContentType(file.kind!.Value), cancellationToken), $"store {file.name}");
        }
    }

    private static async Task StoreStepAsync(Func<Task> step, string what)
    {
        try
        {
            await step();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not TransientTranscodeException)
        {
            throw new TransientTranscodeException($"Could not {what}: {ex.Message}", ex);
        }
    }

    private void Finish(TranscodeJob row, string status, string? error)
    {
        row.Status = status;
        row.LastError = error is null ? row.LastError : JobQueue.Truncate(error);
        row.LockedBy = null;
        row.LockedUntil = null;
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
    }

    private void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove work directory {Directory}", directory);
        }
    }
}
