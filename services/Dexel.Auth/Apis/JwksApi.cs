using Dexel.Auth.Security;
using Microsoft.IdentityModel.Tokens;

namespace Dexel.Auth.Apis;

public static class JwksApi
{
    /// <summary>The public halves of every signing key, for the gateway and services to validate tokens.</summary>
    public static IEndpointRouteBuilder MapJwksApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/jwks.json", async (SigningKeys keys, HttpContext http, CancellationToken ct) =>
        {
            var published = (await keys.AllAsync(ct)).Select(key =>
            {
                var parameters = key.ECDsa.ExportParameters(includePrivateParameters: false);
                return new
                {
                    kty = "EC",
                    use = "sig",
                    alg = SecurityAlgorithms.EcdsaSha256,
                    crv = "P-256",
                    kid = key.KeyId,
                    x = Base64UrlEncoder.Encode(parameters.Q.X),
                    y = Base64UrlEncoder.Encode(parameters.Q.Y),
                };
            });
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Json(new { keys = published });
        }).WithTags("Auth").AllowAnonymous();
        return app;
    }
}
