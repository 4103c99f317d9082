using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dexel.Auth.Tests;

/// <summary>Tokens the gateway must refuse: every one of these is 401, while a genuine one is 200.</summary>
public sealed class TokenTests(AuthFixture app) : IClassFixture<AuthFixture>
{
    [Fact]
    public async Task A_genuine_token_passes_and_tampered_forged_or_expired_ones_are_401()
    {
        var session = await app.RegisterAsync();
        var key = await app.SigningKeyAsync();
        var sid = new JsonWebToken(session.AccessToken).GetClaim("sid").Value;

        Assert.Equal(HttpStatusCode.OK, await MeAsync(session.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(Sign(key, session.UserId, sid)));

        var parts = session.AccessToken.Split('.');
        var tamperedPayload = parts[1][..^2] + (parts[1][^2] == 'A' ? "B" : "A") + parts[1][^1];
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync($"{parts[0]}.{tamperedPayload}.{parts[2]}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync($"{parts[0]}.{parts[1]}.{parts[2][..^4]}AAAA"));

        var unsigned = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync($"{unsigned}.{parts[1]}."));

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Sign(key, session.UserId, sid, issuer: "someone-else")));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Sign(key, session.UserId, sid, audience: "another-api")));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Sign(key, session.UserId, sid, expires: DateTime.UtcNow.AddMinutes(-5))));

        var hmac = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a symmetric secret that is long enough for HS256"));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Sign(hmac, session.UserId, sid, algorithm: SecurityAlgorithms.HmacSha256)));

        var stranger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Sign(new ECDsaSecurityKey(stranger) { KeyId = key.KeyId }, session.UserId, sid)));

        // A genuine signature on a session that never existed.
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Sign(key, session.UserId, Guid.NewGuid().ToString())));
    }

    [Fact]
    public async Task Algorithm_confusion_and_self_describing_keys_are_refused_at_the_gateway_and_by_auth_itself()
    {
        var session = await app.RegisterAsync();
        var key = await app.SigningKeyAsync();
        var sid = new JsonWebToken(session.AccessToken).GetClaim("sid").Value;
        var q = key.ECDsa.ExportParameters(includePrivateParameters: false).Q;

        // HS256 keyed with the public key, as an attacker who read the JWKS would try.
        var publicAsSecret = new SymmetricSecurityKey([.. q.X!, .. q.Y!]);
        var confused = Sign(publicAsSecret, session.UserId, sid, algorithm: SecurityAlgorithms.HmacSha256);
        // An attacker's own key, announced in the token's jwk and jku headers.
        var attacker = new ECDsaSecurityKey(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256)) { KeyId = "attacker" };
        var attackerJwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(attacker);
        var selfDescribed = Sign(attacker, session.UserId, sid, headers: new Dictionary<string, object>
        {
            ["jwk"] = new Dictionary<string, object> { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = attackerJwk.X, ["y"] = attackerJwk.Y, ["kid"] = "attacker" },
            ["jku"] = "http://127.0.0.1:9/attacker-jwks.json",
        });

        foreach (var service in new[] { "gateway", "auth" })
        {
            Assert.Equal(HttpStatusCode.OK, await MeAsync(session.AccessToken, service));
            Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(confused, service));
            Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(selfDescribed, service));
        }
    }

    private async Task<HttpStatusCode> MeAsync(string token, string service = "gateway")
    {
        using var client = app.CreateClient(service);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/v1/users/me");
        return response.StatusCode;
    }

    private static string Sign(SecurityKey key, Guid userId, string sessionId, string issuer = "dexel-auth",
        string audience = "dexel-api", DateTime? expires = null, string algorithm = SecurityAlgorithms.EcdsaSha256,
        IDictionary<string, object>? headers = null)
    {
        var until = expires ?? DateTime.UtcNow.AddMinutes(5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = until.AddMinutes(-10),
            NotBefore = until.AddMinutes(-10),
            Expires = until,
            Claims = new Dictionary<string, object> { ["sub"] = userId.ToString(), ["sid"] = sessionId, ["tier"] = "free" },
            SigningCredentials = new SigningCredentials(key, algorithm),
            AdditionalHeaderClaims = headers,
        });
    }
}
