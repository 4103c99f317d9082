using Microsoft.IdentityModel.Tokens;

namespace Dexel.Auth.Application.Security;

/// <summary>The public half of a signing key as a JWK (RFC 7517), as the JWKS and the shared copy publish it.</summary>
public sealed record PublicSigningKey(string Kty, string Use, string Alg, string Crv, string Kid, string X, string Y)
{
    public static PublicSigningKey From(ECDsaSecurityKey key)
    {
        var parameters = key.ECDsa.ExportParameters(includePrivateParameters: false);
        return new("EC", "sig", SecurityAlgorithms.EcdsaSha256, "P-256", key.KeyId,
            Base64UrlEncoder.Encode(parameters.Q.X), Base64UrlEncoder.Encode(parameters.Q.Y));
    }
}
