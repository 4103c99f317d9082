using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dexel.Gateway.Edge;

/// <summary>
/// The gateway's token handler: a client sends the same access token with every request for its
/// 15 minutes, and verifying its ES256 signature was the largest CPU cost the gateway added per
/// request (see docs/benchmarks.md, Gateway). A token string that passed every check is trusted
/// again for at most a minute and never past its expiry, so a signing key withdrawn from the JWKS
/// stops being honoured within a minute. The session check still runs on every request
/// (OnTokenValidated), so a signed-out session is refused as promptly as before.
/// </summary>
public sealed class ValidatedTokens(TimeProvider clock) : TokenHandler
{
    private static readonly TimeSpan TrustFor = TimeSpan.FromMinutes(1);
    private const int MaxEntries = 20_000;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ConcurrentDictionary<string, Entry> _validated = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow();
        if (_validated.TryGetValue(token, out var entry) && entry.Until > now)
        {
            // Each request gets an identity of its own: handlers downstream may add claims to it.
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = entry.Result.SecurityToken,
                ClaimsIdentity = entry.Result.ClaimsIdentity.Clone(),
                Issuer = entry.Result.Issuer,
                TokenType = entry.Result.TokenType,
            };
        }

        var result = await _handler.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt)
        {
            if (_validated.Count >= MaxEntries) _validated.Clear();
            var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
            _validated[token] = new Entry(result, expires < now + TrustFor ? expires : now + TrustFor);
        }
        return result;
    }

    public override SecurityToken ReadToken(string token) => _handler.ReadToken(token);

    public override int MaximumTokenSizeInBytes
    {
        get => _handler.MaximumTokenSizeInBytes;
        set => _handler.MaximumTokenSizeInBytes = value;
    }

    private sealed record Entry(TokenValidationResult Result, DateTimeOffset Until);
}
