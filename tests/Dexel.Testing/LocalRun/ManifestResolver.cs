using System.Text.RegularExpressions;

namespace Dexel.Testing;

/// <summary>
/// Evaluates the manifest's expressions ({postgres.connectionString},
/// {auth.bindings.http.url}, {postgres-password.value}, ...) against local servers and the
/// ports the runner gave each project, so every service gets exactly the wiring the AppHost
/// would give it.
/// </summary>
public sealed partial class ManifestResolver(AspireManifest manifest, LocalServers servers, IReadOnlyDictionary<string, int> projectPorts)
{
    [GeneratedRegex(@"\{([A-Za-z0-9_\-]+)\.([A-Za-z0-9_\.\-]+)\}")]
    private static partial Regex Placeholder();

    public string Resolve(string expression, int depth = 0)
    {
        if (depth > 10) throw new InvalidOperationException($"Manifest expression nests too deep: {expression}");
        return Placeholder().Replace(expression, match => Resolve(Lookup(match.Groups[1].Value, match.Groups[2].Value), depth + 1));
    }

    public Dictionary<string, string> EnvironmentFor(string project) =>
        manifest.Environment(project).ToDictionary(pair => pair.Key, pair => Resolve(pair.Value));

    private string Lookup(string resource, string path)
    {
        var parts = path.Split('.');
        return (parts[0], parts.Length) switch
        {
            ("connectionString", 1) => (string?)manifest.Resource(resource)["connectionString"]
                ?? throw new InvalidOperationException($"'{resource}' has no connection string."),
            ("value", 1) => ParameterValue(resource),
            ("inputs", _) => ParameterValue(resource),
            ("bindings", 3) => Binding(resource, parts[1], parts[2]),
            _ => throw new NotSupportedException($"Manifest expression {{{resource}.{path}}} is not supported by the local runner."),
        };
    }

    private string ParameterValue(string name)
    {
        if (servers.Parameters.TryGetValue(name, out var value)) return value;
        var declared = (string?)manifest.Resource(name)["value"];
        return declared is not null && !declared.Contains($"{{{name}.")
            ? declared
            : throw new InvalidOperationException($"Parameter '{name}' has no local value; add it to servers.json (eng/servers.sh).");
    }

    private string Binding(string resource, string binding, string property)
    {
        var (host, port) = manifest.TypeOf(resource).StartsWith("project.")
            ? ("127.0.0.1", projectPorts[resource])
            : servers.ForContainer(resource, manifest.Image(resource)) is { } server
                ? (server.Host, server.Port)
                : throw new InvalidOperationException($"No local server stands in for container '{resource}'.");
        var scheme = (string?)manifest.Resource(resource)["bindings"]?[binding]?["scheme"] ?? "tcp";
        return property switch
        {
            "host" => host,
            "port" or "targetPort" => port.ToString(),
            "scheme" => scheme,
            "url" => $"{scheme}://{host}:{port}",
            _ => throw new NotSupportedException($"Binding property '{property}' is not supported."),
        };
    }
}
