namespace Dexel.Auth.Model;

/// <summary>
/// One refresh token of a rotation family (one per login). Only its SHA-256 hash is stored.
/// Using it marks it spent; presenting a spent one again revokes the whole family (RFC 6819).
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; }
    public Guid FamilyId { get; set; }
    public Guid UserId { get; set; }
    public Guid SessionId { get; set; }
    public required byte[] TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? SpentAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>A token-signing key pair; the newest signs, all unexpired ones are published in the JWKS.</summary>
public sealed class SigningKey
{
    public required string Id { get; set; }
    public required string PrivateKeyPem { get; set; }
    public DateTime CreatedAt { get; set; }
}
