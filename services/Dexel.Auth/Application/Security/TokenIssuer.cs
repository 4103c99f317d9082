using System.Security.Cryptography;
using Dexel.Auth.Model;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dexel.Auth.Application.Security;

public sealed class TokenIssuer(SigningKeys keys, IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<string> CreateAccessTokenAsync(User user, Guid sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = user.Id.ToString(),
            ["sid"] = sessionId.ToString(),
            ["tier"] = user.Tier,
            ["jti"] = Guid.NewGuid().ToString(),
        };
        if (user.Roles.Count > 0) claims["role"] = user.Roles.ToArray();

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.AccessTokenLifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(await keys.CurrentAsync(cancellationToken), SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>An opaque refresh token (256 random bits) and the hash that is all we store of it.</summary>
    public static (string Token, byte[] Hash) CreateRefreshToken()
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (token, HashRefreshToken(token));
    }

    public static byte[] HashRefreshToken(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}
