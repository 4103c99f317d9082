using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dexel.Testing;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Dexel.Auth.Tests;

/// <summary>The gateway and auth.</summary>
public class AuthFixture : DexelAppFixture
{
    protected override IReadOnlyList<string> ServicesToStart => ["auth", "gateway"];

    /// <summary>The signing key auth generated into its own database, so tests can forge tokens with wrong claims.</summary>
    public async Task<ECDsaSecurityKey> SigningKeyAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionStringOf("auth", "authdb"));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT id, private_key_pem FROM signing_keys ORDER BY created_at LIMIT 1", connection);
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "auth has not created a signing key yet");
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(reader.GetString(1));
        return new ECDsaSecurityKey(ecdsa) { KeyId = reader.GetString(0) };
    }
}
