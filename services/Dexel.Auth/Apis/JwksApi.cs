using Dexel.Auth.Application.Security;

namespace Dexel.Auth.Apis;

public static class JwksApi
{
    /// <summary>The public halves of every signing key, for the gateway and services to validate tokens.</summary>
    public static IEndpointRouteBuilder MapJwksApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/jwks.json", async (SigningKeys keys, HttpContext http, CancellationToken ct) =>
        {
            var published = (await keys.AllAsync(ct)).Select(PublicSigningKey.From);
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Json(new { keys = published });
        }).WithTags("Auth").AllowAnonymous();
        return app;
    }
}
