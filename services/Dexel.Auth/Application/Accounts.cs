using Dexel.Auth.Application.Security;
using Dexel.Auth.Infrastructure;
using Dexel.Auth.Model;
using Dexel.EventBus.IntegrationEvents;
using Dexel.EventBus.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dexel.Auth.Application;

public enum AuthOutcome { Ok, InvalidCredentials, DuplicateEmail, RefreshTokenReused, RefreshTokenRevoked }

public sealed record AuthResult(AuthOutcome Outcome, TokenResponse? Tokens = null);

/// <summary>Register, log in, rotate refresh tokens and log out: the rules of api.md's auth half.</summary>
public sealed class Accounts(
    AuthDbContext db,
    PasswordHasher hasher,
    TokenIssuer issuer,
    SessionStore sessions,
    IOptions<JwtOptions> jwt,
    TimeProvider clock)
{
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public async Task<AuthResult> RegisterAsync(string email, string password, string displayName, CancellationToken ct)
    {
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Email = NormalizeEmail(email),
            DisplayName = displayName.Trim(),
            PasswordHash = hasher.Hash(password),
            CreatedAt = Now,
        };
        // The session goes to Redis first: if Redis fails, nothing is committed and a retry works.
        var sessionId = Guid.NewGuid();
        await sessions.StartAsync(sessionId, user.Id);
        db.Users.Add(user);
        db.AddIntegrationEvent(new UserRegistered(user.Id, user.Email, user.DisplayName, user.Tier));
        try
        {
            // One commit: the user, its event and its first refresh token.
            return new(AuthOutcome.Ok, await IssueAsync(user, sessionId, familyId: Guid.NewGuid(), ct));
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await sessions.EndAsync(sessionId);
            return new(AuthOutcome.DuplicateEmail);
        }
    }

    public async Task<AuthResult> LoginAsync(string email, string password, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == NormalizeEmail(email), ct);
        // Verify even for unknown emails (against a decoy), so timing does not reveal accounts.
        var valid = hasher.Verify(password, user?.PasswordHash);
        return valid && user is not null
            ? new(AuthOutcome.Ok, await StartSessionAsync(user, ct))
            : new(AuthOutcome.InvalidCredentials);
    }

    public async Task<AuthResult> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var hash = TokenIssuer.HashRefreshToken(refreshToken);
        var token = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null) return new(AuthOutcome.InvalidCredentials);
        // Revoked by a logout (or an earlier reuse): not a new reuse, nothing more to revoke.
        if (token.RevokedAt is not null) return new(AuthOutcome.RefreshTokenRevoked);

        // Spending is a conditional update, so two concurrent uses cannot both succeed.
        var spent = await db.RefreshTokens
            .Where(t => t.Id == token.Id && t.SpentAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.SpentAt, Now), ct);
        if (spent == 0)
        {
            await RevokeFamilyAsync(token, ct);
            return new(AuthOutcome.RefreshTokenReused);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == token.UserId, ct);
        if (token.ExpiresAt <= Now || user is null || !await sessions.TouchAsync(token.SessionId))
        {
            await RevokeFamilyAsync(token, ct);
            return new(AuthOutcome.InvalidCredentials);
        }
        return new(AuthOutcome.Ok, await IssueAsync(user, token.SessionId, token.FamilyId, ct));
    }

    /// <returns>false when the refresh token is unknown or belongs to another user.</returns>
    public async Task<bool> LogoutAsync(Guid userId, string refreshToken, CancellationToken ct)
    {
        var hash = TokenIssuer.HashRefreshToken(refreshToken);
        var token = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || token.UserId != userId) return false;
        await RevokeFamilyAsync(token, ct);
        return true;
    }

    private async Task RevokeFamilyAsync(RefreshToken token, CancellationToken ct)
    {
        await db.RefreshTokens
            .Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, Now), ct);
        await sessions.EndAsync(token.SessionId);
    }

    private async Task<TokenResponse> StartSessionAsync(User user, CancellationToken ct)
    {
        var sessionId = Guid.NewGuid();
        await sessions.StartAsync(sessionId, user.Id);
        return await IssueAsync(user, sessionId, familyId: Guid.NewGuid(), ct);
    }

    private async Task<TokenResponse> IssueAsync(User user, Guid sessionId, Guid familyId, CancellationToken ct)
    {
        var (refresh, hash) = TokenIssuer.CreateRefreshToken();
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            FamilyId = familyId,
            UserId = user.Id,
            SessionId = sessionId,
            TokenHash = hash,
            CreatedAt = Now,
            ExpiresAt = Now + jwt.Value.RefreshTokenLifetime,
        });
        await db.SaveChangesAsync(ct);
        var access = await issuer.CreateAccessTokenAsync(user, sessionId, ct);
        return new TokenResponse(ToResponse(user), access, refresh, (int)jwt.Value.AccessTokenLifetime.TotalSeconds);
    }

    public static UserResponse ToResponse(User user) => new(user.Id, user.Email, user.DisplayName, user.Tier);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
