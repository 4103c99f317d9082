using System.Text.Json.Nodes;

namespace Dexel.Gateway.Application.OpenApi;

/// <summary>
/// Services name their schemas after their own records, so two may use one name for different
/// shapes (auth's UserResponse carries email and tier, playlist's does not). Where the shapes
/// differ, every service's version is renamed after its service (AuthUserResponse,
/// PlaylistUserResponse) and that document's references follow; identical ones stay shared.
/// </summary>
public static class SchemaNames
{
    private const string RefPrefix = "#/components/schemas/";

    /// <param name="documents">Service name → its OpenAPI document; changed in place.</param>
    public static void Disambiguate(IReadOnlyDictionary<string, JsonObject> documents)
    {
        var clashing = documents
            .SelectMany(document => Schemas(document.Value).Select(schema => (schema.Key, Schema: schema.Value)))
            .GroupBy(entry => entry.Key)
            .Where(group => group.Select(entry => entry.Schema).Distinct(JsonNodeEqualityComparer.Instance).Skip(1).Any())
            .Select(group => group.Key)
            .ToHashSet();
        if (clashing.Count == 0) return;

        foreach (var (service, document) in documents)
        {
            var renames = Schemas(document).Select(schema => schema.Key).Where(clashing.Contains)
                .ToDictionary(name => name, name => Qualified(service, name));
            if (renames.Count == 0) continue;

            var schemas = document["components"]!["schemas"]!.AsObject();
            foreach (var (name, qualified) in renames)
            {
                var schema = schemas[name];
                schemas.Remove(name);
                schemas[qualified] = schema;
            }
            RewriteReferences(document, renames);
        }
    }

    public static string Qualified(string service, string name) =>
        string.Concat(char.ToUpperInvariant(service[0]).ToString(), service[1..], name);

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Schemas(JsonObject document) =>
        document["components"]?["schemas"]?.AsObject() ?? [];

    private static void RewriteReferences(JsonNode? node, IReadOnlyDictionary<string, string> renames)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target)
                    && target.StartsWith(RefPrefix, StringComparison.Ordinal)
                    && renames.TryGetValue(target[RefPrefix.Length..], out var renamed))
                    obj["$ref"] = RefPrefix + renamed;
                foreach (var (_, child) in obj) RewriteReferences(child, renames);
                break;
            case JsonArray array:
                foreach (var child in array) RewriteReferences(child, renames);
                break;
        }
    }

    private sealed class JsonNodeEqualityComparer : IEqualityComparer<JsonNode?>
    {
        public static readonly JsonNodeEqualityComparer Instance = new();
        public bool Equals(JsonNode? x, JsonNode? y) => JsonNode.DeepEquals(x, y);
        public int GetHashCode(JsonNode? node) => node?.ToJsonString().Length ?? 0;
    }
}
