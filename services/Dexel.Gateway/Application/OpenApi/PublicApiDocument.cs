using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dexel.Gateway.Application.OpenApi;

/// <summary>
/// The one OpenAPI document of the public API: every service's own document (generated from
/// its endpoints at /openapi/service.json), merged, limited to the routes the gateway exposes,
/// with the bearer scheme clients use. Rebuilt at most once a minute.
/// </summary>
public sealed partial class PublicApiDocument(IHttpClientFactory httpClientFactory, IConfiguration configuration, IServer server, TimeProvider clock, ILogger<PublicApiDocument> logger)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    // A service's first document is generated cold and can take seconds on a busy machine; an
    // incomplete merge is kept only briefly so the next request tries the missing ones again.
    private static readonly TimeSpan IncompleteMaxAge = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(15);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (JsonObject Document, DateTimeOffset ExpiresAt)? _cached;

    public async Task<JsonObject> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && clock.GetUtcNow() < fresh.ExpiresAt) return fresh.Document;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && clock.GetUtcNow() < again.ExpiresAt) return again.Document;
            var (document, complete) = await BuildAsync(cancellationToken);
            _cached = (document, clock.GetUtcNow() + (complete ? MaxAge : IncompleteMaxAge));
            return document;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(JsonObject Document, bool Complete)> BuildAsync(CancellationToken cancellationToken)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        var services = Sources().ToDictionary();
        var fetched = await Task.WhenAll(services.Select(source => FetchAsync(source.Key, source.Value, cancellationToken)));
        var missing = services.Keys.Where((_, i) => fetched[i] is null).ToList();
        var documents = services.Keys.Zip(fetched).Where(pair => pair.Second is not null).ToDictionary(pair => pair.First, pair => pair.Second!);
        SchemaNames.Disambiguate(documents);
        foreach (var document in documents.Values)
        {
            foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
                if (IsPublic(path)) paths[path] = item?.DeepClone();
            foreach (var (name, schema) in document["components"]?["schemas"]?.AsObject() ?? [])
                if (!schemas.ContainsKey(name)) schemas[name] = schema?.DeepClone();
        }

        var merged = new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "Dexel public API",
                ["version"] = "v1",
                ["description"] = missing.Count == 0
                    ? "Every route clients use, through the gateway."
                    : $"Incomplete: not reachable just now: {string.Join(", ", missing)}.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        };
        return (merged, missing.Count == 0);
    }

    private async Task<JsonObject?> FetchAsync(string service, string baseUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var client = httpClientFactory.CreateClient(nameof(PublicApiDocument));
            client.Timeout = FetchTimeout;
            var json = await client.GetStringAsync($"{baseUrl}{Microsoft.Extensions.Hosting.Extensions.ServiceOpenApiPath}", cancellationToken);
            return JsonNode.Parse(json)?.AsObject();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            logger.LogWarning(ex, "OpenAPI document of {Service} unavailable", service);
            return null;
        }
    }

    /// <summary>Every routed service by its discovery name, and the gateway itself (its own routes, such as the export).</summary>
    private IEnumerable<KeyValuePair<string, string>> Sources()
    {
        foreach (var cluster in configuration.GetSection("ReverseProxy:Clusters").GetChildren())
            yield return new(cluster.Key, $"http://{cluster.Key}");
        var own = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (own is not null) yield return new("gateway", WildcardHost().Replace(own, "://localhost:"));
    }

    [GeneratedRegex(@"://(\+|\*|\[::\]|0\.0\.0\.0):")]
    private static partial Regex WildcardHost();

    private static bool IsPublic(string path) => path.StartsWith("/api/v1/") || path.StartsWith("/.well-known/");
}
