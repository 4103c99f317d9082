using System.Security.Cryptography;
using Dexel.Auth.Infrastructure;
using Dexel.Auth.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Dexel.Auth.Application.Security;

/// <summary>
/// The ES256 keys: the configured one, or else the newest one in authdb (created on first use).
/// Every known key is published in the JWKS so tokens signed before a rotation still validate.
/// </summary>
public sealed class SigningKeys(IServiceScopeFactory scopes, IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<ECDsaSecurityKey>? _keys;

    public async Task<ECDsaSecurityKey> CurrentAsync(CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken))[0];

    public async Task<IReadOnlyList<ECDsaSecurityKey>> AllAsync(CancellationToken cancellationToken)
    {
        if (_keys is not null) return _keys;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _keys ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<ECDsaSecurityKey>> LoadAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SigningKeyPem is { Length: > 0 } pem)
            return [ToKey(options.Value.SigningKeyId ?? "configured", pem)];

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var stored = await db.SigningKeys.OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        if (stored.Count == 0)
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            db.SigningKeys.Add(new SigningKey
            {
                Id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)),
                PrivateKeyPem = ecdsa.ExportPkcs8PrivateKeyPem(),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another replica created one at the same moment; use whatever is there now.
            }
            stored = await db.SigningKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
            // Replicas racing must agree on one key: the oldest wins.
            stored = [stored[0]];
        }
        return stored.Select(k => ToKey(k.Id, k.PrivateKeyPem)).ToList();
    }

    private static ECDsaSecurityKey ToKey(string id, string pem)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        return new ECDsaSecurityKey(ecdsa) { KeyId = id };
    }
}
