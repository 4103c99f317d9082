using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dexel.Testing;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Dexel.Auth.Tests;

public sealed record Session(Guid UserId, string Email, string AccessToken, string RefreshToken);

/// <summary>The gateway and auth, with an admin account configured (a product feature: Auth:AdminEmails).</summary>
public class AuthFixture : DexelAppFixture
{
    public string AdminEmail => $"admin-{Suffix}@example.com";

    protected override IReadOnlyList<string> ServicesToStart => ["auth", "gateway"];

    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        if (service == "auth") environment["Auth__AdminEmails"] = AdminEmail;
    }

    public async Task<Session> RegisterAsync(string? email = null)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = "correct horse battery", displayName = "Listener" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadSessionAsync(response, email);
    }

    public static async Task<Session> ReadSessionAsync(HttpResponseMessage response, string email)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Session(body.GetProperty("user").GetProperty("id").GetGuid(), email,
            body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    public HttpClient CreateAuthorizedClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

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
