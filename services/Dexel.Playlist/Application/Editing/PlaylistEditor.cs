using Dexel.Playlist.Infrastructure;
using Dexel.Playlist.Model;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Playlist.Application.Editing;

public enum EditOutcome
{
    Done,
    NotFound,
    NotOwner,
    StaleVersion,
    Invalid,
}

public sealed record EditResult(EditOutcome Outcome, Model.Playlist? Playlist = null, PlaylistRuleException? Rule = null);

/// <summary>
/// Applies one change to a playlist as its owner. Writers of the same playlist queue on its row
/// lock, so changes that carry no version (add, remove) all land, one after another; a change
/// based on a version the client read earlier fails as stale once anything else has landed.
/// </summary>
public sealed class PlaylistEditor(PlaylistDbContext db, TimeProvider time)
{
    public Task<EditResult> EditAsync(Guid playlistId, Guid userId, int? expectedVersion,
        Action<Model.Playlist, DateTime> change, CancellationToken cancellationToken) =>
        EditAsync(playlistId, userId, expectedVersion, (playlist, now) =>
        {
            change(playlist, now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <param name="change">May add more to the context (an outbox event) before it is saved.</param>
    public async Task<EditResult> EditAsync(Guid playlistId, Guid userId, int? expectedVersion,
        Func<Model.Playlist, DateTime, Task> change, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM playlists WHERE id = {playlistId} FOR UPDATE", cancellationToken);
            var playlist = await db.Playlists.Include(p => p.Entries).SingleOrDefaultAsync(p => p.Id == playlistId, cancellationToken);

            if (playlist is null || !playlist.IsVisibleTo(userId)) return new EditResult(EditOutcome.NotFound);
            if (!playlist.IsOwnedBy(userId)) return new EditResult(EditOutcome.NotOwner);
            if (expectedVersion is { } expected && expected != playlist.Version) return new EditResult(EditOutcome.StaleVersion, playlist);

            try
            {
                await change(playlist, time.GetUtcNow().UtcDateTime);
            }
            catch (PlaylistRuleException rule)
            {
                return new EditResult(EditOutcome.Invalid, playlist, rule);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new EditResult(EditOutcome.Done, playlist);
        });
    }
}
