using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dexel.Testing;

namespace Dexel.Auth.Tests;

public sealed class AuthFlowTests(AuthFixture app) : IClassFixture<AuthFixture>
{
    [Fact]
    public async Task Register_login_me_refresh_reuse_and_logout_follow_the_contract()
    {
        var email = $"Flow-{Guid.NewGuid():N}@Example.com";
        using var anonymous = app.CreateClient();

        using var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register",
            new { email = $"  {email} ", password = "correct horse battery", displayName = "Flow" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var body = await registered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email.ToLowerInvariant(), body.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal("free", body.GetProperty("user").GetProperty("tier").GetString());
        Assert.Equal(900, body.GetProperty("expiresIn").GetInt32());

        using var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var session = await DexelAppFixture.ReadSessionAsync(login, email);

        using (var client = app.CreateAuthorizedClient(session.AccessToken))
        {
            var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
            Assert.Equal(session.UserId, me.GetProperty("id").GetGuid());
            Assert.Equal("Flow", me.GetProperty("displayName").GetString());
        }

        using var refreshed = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var rotated = await DexelAppFixture.ReadSessionAsync(refreshed, email);
        Assert.NotEqual(session.RefreshToken, rotated.RefreshToken);

        // The spent token again: refused, and the whole family with it (the rotated token too).
        using var reused = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        using var familyRevoked = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotated.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, familyRevoked.StatusCode);
    }

    [Fact]
    public async Task After_logout_the_sessions_access_tokens_are_rejected_within_five_seconds()
    {
        var session = await app.RegisterAsync();
        using var client = app.CreateAuthorizedClient(session.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);

        using var logout = await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = session.RefreshToken });
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await Eventually.TrueAsync(async () =>
            (await client.GetAsync("/api/v1/users/me")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(5), "the logged-out session's token should be refused");
        using var refresh = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Logging_out_another_users_session_is_refused()
    {
        var victim = await app.RegisterAsync();
        var attacker = await app.RegisterAsync();
        using var client = app.CreateAuthorizedClient(attacker.AccessToken);

        using var logout = await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = victim.RefreshToken });

        Assert.Equal(HttpStatusCode.Unauthorized, logout.StatusCode);
        using var victimRefresh = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = victim.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, victimRefresh.StatusCode);
    }

    [Fact]
    public async Task A_duplicate_email_is_a_409_whatever_its_case_and_spacing()
    {
        var first = await app.RegisterAsync();
        using var client = app.CreateClient();

        using var again = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = " " + first.Email.ToUpperInvariant() + " ", password = "another password", displayName = "Dup" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Wrong_email_and_wrong_password_get_the_same_answer()
    {
        var user = await app.RegisterAsync();
        using var client = app.CreateClient();

        using var wrongPassword = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "not the password" });
        using var wrongEmail = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody-" + user.Email, password = "correct horse battery" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongEmail.StatusCode);
        var a = await wrongPassword.Content.ReadFromJsonAsync<JsonElement>();
        var b = await wrongEmail.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Repeated_failures_from_one_address_lock_it_out_of_that_account_with_retry_after()
    {
        var user = await app.RegisterAsync();
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "guess " + i });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        // Even the right password is refused from that address while it is locked out.
        using var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "correct horse battery" });

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(int.Parse(locked.Headers.GetValues("Retry-After").Single()) > 0);
    }

    [Fact]
    public async Task Only_an_admin_changes_a_tier_and_the_new_tier_shows_after_refresh()
    {
        var admin = await app.RegisterAdminAsync();
        var user = await app.RegisterAsync();

        using (var self = app.CreateAuthorizedClient(user.AccessToken))
        using (var denied = await self.PutAsJsonAsync($"/api/v1/admin/users/{user.UserId}/tier", new { tier = "premium" }))
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        using var adminClient = app.CreateAuthorizedClient(admin.AccessToken);
        using (var invalid = await adminClient.PutAsJsonAsync($"/api/v1/admin/users/{user.UserId}/tier", new { tier = "gold" }))
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using (var unknown = await adminClient.PutAsJsonAsync($"/api/v1/admin/users/{Guid.NewGuid()}/tier", new { tier = "premium" }))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var changed = await adminClient.PutAsJsonAsync($"/api/v1/admin/users/{user.UserId}/tier", new { tier = "premium" }))
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        using var refreshed = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });
        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("premium", body.GetProperty("user").GetProperty("tier").GetString());
    }

    [Fact]
    public async Task The_jwks_is_public_and_lists_an_es256_key_with_a_kid()
    {
        using var client = app.CreateClient();

        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");

        var key = jwks.GetProperty("keys")[0];
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
        Assert.False(key.TryGetProperty("d", out _), "the private key must never be published");
    }
}
