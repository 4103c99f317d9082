namespace Dexel.Auth.Application.Security;

public sealed class JwtOptions
{
    public string Issuer { get; set; } = "dexel-auth";
    public string Audience { get; set; } = "dexel-api";
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A PEM-encoded P-256 private key for production; without one, a key is generated once and kept in authdb.</summary>
    public string? SigningKeyPem { get; set; }
    public string? SigningKeyId { get; set; }
}
