using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Dexel.Gateway.Edge;

/// <summary>
/// CORS for signed media (the "media" route): players run on any origin, and the URL's signature
/// is the whole authorization, so every origin may read it, never with credentials. The API's
/// own routes keep the configured origins.
/// </summary>
public static class MediaCors
{
    public const string Policy = "media";

    // Without these a cross-origin player cannot read a ranged or conditional answer.
    private static readonly string[] ExposedHeaders =
    [
        HeaderNames.ContentRange, HeaderNames.ContentLength, HeaderNames.AcceptRanges, HeaderNames.ETag, HeaderNames.LastModified,
        CorrelationId.Header, "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", HeaderNames.RetryAfter,
    ];

    public static void AddMediaPolicy(this CorsOptions cors) =>
        cors.AddPolicy(Policy, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .AllowAnyHeader()
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromHours(1)));
}
