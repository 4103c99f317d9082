using Dexel.Gateway.Application.OpenApi;
using Scalar.AspNetCore;

namespace Dexel.Gateway.Apis;

public static class PublicApiEndpoints
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>The merged OpenAPI document and an interactive reference at /docs, both anonymous.</summary>
    public static IEndpointRouteBuilder MapPublicApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapGet(DocumentPath, async (PublicApiDocument document, CancellationToken ct) =>
            Results.Text((await document.GetAsync(ct)).ToJsonString(), "application/json")).AllowAnonymous();
        app.MapScalarApiReference("/docs", options =>
        {
            options.Title = "Dexel API";
            options.OpenApiRoutePattern = DocumentPath;
        }).AllowAnonymous();
        return app;
    }
}
