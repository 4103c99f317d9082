using System.Text.RegularExpressions;
using Dexel.EventBus.IntegrationEvents;
using Dexel.EventBus.Outbox;
using Dexel.Streaming.Infrastructure;
using Dexel.Streaming.Infrastructure.Storage;
using Dexel.Streaming.Model;

namespace Dexel.Streaming.Application.Catalog;

/// <summary>
/// Deletes a track for good: its media objects first (so a failure leaves the track listed and
/// the deletion can be repeated), then the catalog row with a track.deleted event, one commit.
/// </summary>
public sealed partial class TrackRemoval(StreamingDbContext db, MediaStore store, PlaylistCache playlists, ILogger<TrackRemoval> logger)
{
    public async Task RemoveAsync(Track track, CancellationToken cancellationToken)
    {
        await RemoveMediaAsync(track.Id, cancellationToken);
        db.Tracks.Remove(track);
        db.AddIntegrationEvent(new TrackDeleted(track.Id, track.OwnerId));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The original and every transcoded file of the track, wherever transcoding got to.</summary>
    public async Task RemoveMediaAsync(Guid trackId, CancellationToken cancellationToken)
    {
        var files = await MediaFileNamesAsync(trackId, cancellationToken);
        // Segments before playlists, as uploads go the other way round: no playlist is left
        // pointing at nothing while others still resolve.
        foreach (var file in files.OrderBy(f => MediaFiles.KindOf(f) == MediaKind.Segment ? 0 : 1))
            await store.RemoveAsync(MediaFiles.ObjectKey(trackId, file), cancellationToken);
        await store.RemoveAsync(MediaFiles.OriginalKey(trackId), cancellationToken);
        await playlists.ForgetAsync(trackId, files.Where(f => MediaFiles.KindOf(f) != MediaKind.Segment));
        logger.LogInformation("Removed the original and {Count} media files of track {TrackId}", files.Count, trackId);
    }

    /// <summary>
    /// The object store cannot list here (s3rver's ListObjects does not parse in Minio 7), so the
    /// files come from what the stored playlists name (segments are listed one by one, not by
    /// template); an unfinished transcode left no playlists, so its files are found by probing
    /// the names ffmpeg gives them.
    /// </summary>
    private async Task<HashSet<string>> MediaFileNamesAsync(Guid trackId, CancellationToken cancellationToken)
    {
        HashSet<string> files = [MediaFiles.Master, MediaFiles.Manifest];
        var pending = new Queue<string>(files);
        while (pending.TryDequeue(out var playlist))
        {
            var text = await store.ReadTextAsync(MediaFiles.ObjectKey(trackId, playlist), cancellationToken);
            foreach (var name in FileName().Matches(text ?? "").Select(m => m.Value).Where(n => MediaFiles.KindOf(n) is not null))
                if (files.Add(name) && MediaFiles.KindOf(name) == MediaKind.HlsPlaylist) pending.Enqueue(name);
        }
        if (files.Count > 2) return files;

        for (var rendition = 0; rendition < Renditions.BitratesKbps.Count; rendition++)
        {
            files.Add($"media_{rendition}.m3u8");
            files.Add($"init-{rendition}.m4s");
            for (var number = 1; ; number++)
            {
                var chunk = $"chunk-{rendition}-{number:D5}.m4s";
                if (!await store.ExistsAsync(MediaFiles.ObjectKey(trackId, chunk), cancellationToken)) break;
                files.Add(chunk);
            }
        }
        return files;
    }

    [GeneratedRegex(@"[A-Za-z0-9_\-]+\.(?:m3u8|m4s)")]
    private static partial Regex FileName();
}
