using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Testing;

/// <summary>A signed-in user, as a client app holds one after register or login.</summary>
public sealed record Session(Guid UserId, string Email, string AccessToken, string RefreshToken);

public abstract partial class DexelAppFixture
{
    /// <summary>Registers a new user through the gateway (auth must be running).</summary>
    public async Task<Session> RegisterAsync(string? email = null, string displayName = "Listener")
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = "correct horse battery", displayName });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Register answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await ReadSessionAsync(response, email);
    }

    public static async Task<Session> ReadSessionAsync(HttpResponseMessage response, string email)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Session(body.GetProperty("user").GetProperty("id").GetGuid(), email,
            body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    /// <summary>A gateway client that sends the session's access token.</summary>
    public HttpClient CreateClient(Session session) => CreateAuthorizedClient(session.AccessToken);

    public HttpClient CreateAuthorizedClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
