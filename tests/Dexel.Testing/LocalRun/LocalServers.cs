using System.Text.Json;

namespace Dexel.Testing;

public sealed record ServerAddress(string Host, int Port);

/// <summary>
/// Where eng/servers.sh started each server kind, and the values it gave the AppHost's
/// parameters (passwords); read from .local/servers.json.
/// </summary>
public sealed record LocalServers(Dictionary<string, ServerAddress> Servers, Dictionary<string, string> Parameters)
{
    public static LocalServers Load(string path) =>
        JsonSerializer.Deserialize<LocalServers>(File.ReadAllText(path), AspireManifest.Json)
        ?? throw new InvalidDataException($"{path} is empty.");

    public static string DefaultPath(string repositoryRoot) =>
        Environment.GetEnvironmentVariable("DEXEL_SERVERS") is { Length: > 0 } path
            ? path
            : Path.Combine(repositoryRoot, ".local", "servers.json");

    /// <summary>A copy with one server kind moved elsewhere (a test's private Redis, say).</summary>
    public LocalServers With(string kind, ServerAddress address) =>
        this with { Servers = new Dictionary<string, ServerAddress>(Servers) { [kind] = address } };

    /// <summary>Which local server stands in for a container of the manifest, by its image or name.</summary>
    public ServerAddress? ForContainer(string resource, string? image)
    {
        // pgAdmin and Kafka UI are tools for people, not servers the services talk to.
        if (resource.Contains("pgadmin") || resource.Contains("-ui")) return null;
        var kind = Servers.Keys.FirstOrDefault(kind =>
            image?.Contains(kind, StringComparison.OrdinalIgnoreCase) == true
            || resource.Contains(kind, StringComparison.OrdinalIgnoreCase));
        return kind is null ? null : Servers[kind];
    }
}
