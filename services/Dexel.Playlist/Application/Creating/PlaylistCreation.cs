using System.Security.Cryptography;
using System.Text.Json;
using Dexel.EventBus.IntegrationEvents;
using Dexel.EventBus.Outbox;
using Dexel.Playlist.Infrastructure;
using Dexel.Playlist.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dexel.Playlist.Application.Creating;

/// <param name="Replayed">True when an earlier request with the same key made it.</param>
/// <param name="KeyReused">True when the key belongs to a different request; nothing was made.</param>
public sealed record CreationResult(Model.Playlist? Playlist, bool Replayed = false, bool KeyReused = false);

/// <summary>
/// Makes a playlist and its <c>playlist.created</c> event in one commit. A commit can land while
/// its answer is lost (the database stopping between the two), so a client that could not tell
/// sends an <c>Idempotency-Key</c> and repeats: the repeat answers with the playlist the first
/// attempt made instead of making another.
/// </summary>
public sealed class PlaylistCreation(PlaylistDbContext db, TimeProvider time)
{
    public async Task<CreationResult> CreateAsync(Guid ownerId, string name, string? description, bool isPublic,
        string? idempotencyKey, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(name, description, isPublic);
        if (idempotencyKey is not null && await FindByKeyAsync(ownerId, idempotencyKey, fingerprint, cancellationToken) is { } earlier)
            return earlier;

        var now = time.GetUtcNow().UtcDateTime;
        var playlist = new Model.Playlist(ownerId, name, description, isPublic, now);
        db.Playlists.Add(playlist);
        if (idempotencyKey is not null) db.CreationKeys.Add(new CreationKey(ownerId, idempotencyKey, playlist.Id, fingerprint, now));
        db.AddIntegrationEvent(new PlaylistCreated(playlist.Id, playlist.OwnerId, playlist.Name, playlist.IsPublic));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new CreationResult(playlist);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            // Either the same key arrived twice at once and the other request won, or the retry
            // strategy repeated a commit that had landed: both made exactly one playlist, this one's
            // or the other's, and that is the answer.
            if (idempotencyKey is not null && await FindByKeyAsync(ownerId, idempotencyKey, fingerprint, cancellationToken) is { } winner)
                return winner;
            if (await db.Playlists.AsNoTracking().SingleOrDefaultAsync(p => p.Id == playlist.Id, cancellationToken) is { } landed)
                return new CreationResult(landed);
            throw;
        }
    }

    private async Task<CreationResult?> FindByKeyAsync(Guid ownerId, string key, byte[] fingerprint, CancellationToken cancellationToken)
    {
        var earlier = await db.CreationKeys.AsNoTracking().SingleOrDefaultAsync(k => k.OwnerId == ownerId && k.Key == key, cancellationToken);
        if (earlier is null) return null;
        if (!earlier.Fingerprint.AsSpan().SequenceEqual(fingerprint)) return new CreationResult(null, KeyReused: true);
        var playlist = await db.Playlists.AsNoTracking().SingleAsync(p => p.Id == earlier.PlaylistId, cancellationToken);
        return new CreationResult(playlist, Replayed: true);
    }

    /// <summary>The request as it was understood (trimmed), so spacing alone does not count as a different request.</summary>
    private static byte[] Fingerprint(string name, string? description, bool isPublic) =>
        SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { name, description, isPublic }));
}
