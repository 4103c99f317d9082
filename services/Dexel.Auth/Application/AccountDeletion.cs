using Dexel.Auth.Application.Security;
using Dexel.Auth.Infrastructure;
using Dexel.EventBus.IntegrationEvents;
using Dexel.EventBus.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Auth.Application;

public enum DeletionOutcome { Deleted, WrongPassword, NotFound }

/// <summary>
/// Deletes an account at its owner's request: the user row (refresh tokens go with it), every
/// session in Redis, and a user.deleted event for the other services, all or nothing.
/// </summary>
public sealed class AccountDeletion(AuthDbContext db, PasswordHasher hasher, SessionStore sessions)
{
    public async Task<DeletionOutcome> DeleteAsync(Guid userId, string password, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return DeletionOutcome.NotFound;
        if (!hasher.Verify(password, user.PasswordHash)) return DeletionOutcome.WrongPassword;

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The row lock makes a concurrent login's refresh-token insert wait, then fail, so
            // no session can be started after the list below is taken.
            var locked = await db.Users.FromSql($"SELECT * FROM users WHERE id = {userId} FOR UPDATE").SingleOrDefaultAsync(ct);
            if (locked is null) return DeletionOutcome.NotFound;
            var sessionIds = await db.RefreshTokens.Where(t => t.UserId == userId).Select(t => t.SessionId).Distinct().ToListAsync(ct);

            db.Users.Remove(locked);
            db.AddIntegrationEvent(new UserDeleted(userId));
            await db.SaveChangesAsync(ct);
            // Ended before the commit: if Redis fails, nothing is deleted and the owner can retry.
            await sessions.EndAllAsync(sessionIds);
            await transaction.CommitAsync(ct);
            return DeletionOutcome.Deleted;
        });
    }
}
