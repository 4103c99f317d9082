using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dexel.Testing;

/// <summary>The parts of a published AppHost model (aspire-manifest.json) the fixtures need: resources by name.</summary>
public sealed class AspireManifest(string path, JsonObject resources)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string Directory { get; } = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;

    public static AspireManifest Load(string path) =>
        new(path, JsonNode.Parse(File.ReadAllText(path))!["resources"]!.AsObject());

    public IEnumerable<string> ResourceNames => resources.Select(pair => pair.Key);

    public JsonObject Resource(string name) =>
        resources[name]?.AsObject() ?? throw new KeyNotFoundException($"aspire-manifest.json has no resource '{name}'.");

    public string TypeOf(string name) => (string)Resource(name)["type"]!;

    public IEnumerable<string> Projects =>
        resources.Where(pair => ((string?)pair.Value?["type"])?.StartsWith("project.") == true).Select(pair => pair.Key);

    /// <summary>The project's .csproj, absolute.</summary>
    public string ProjectPath(string name) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, (string)Resource(name)["path"]!));

    public IReadOnlyDictionary<string, string> Environment(string name) =>
        Resource(name)["env"]?.AsObject().ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>())
        ?? new Dictionary<string, string>();

    public string? Image(string name) => (string?)Resource(name)["image"];


    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
