using System.Text.Json.Nodes;
using System.Text.RegularExpressions;


namespace Dexel.Manifest.Tests;

/// <summary>
/// The AppHost's model, as its publisher writes it now, against the committed aspire-manifest.json
/// and against what the services' code reads.
/// </summary>
public sealed partial class ManifestConsistencyTests
{
    internal static readonly string Root = TestEnvironment.RepositoryRoot;
    internal static readonly AspireManifest Manifest = TestEnvironment.Manifest;

    [Fact]
    public void The_committed_manifest_is_what_the_apphost_publishes()
    {
        var committed = AspireManifest.Load(Path.Combine(Root, "aspire-manifest.json"));
        var published = Manifest;

        Assert.Equal(Normalized(published), Normalized(committed));

        // Project paths are relative to the manifest's folder: compare where they point.
        static string Normalized(AspireManifest manifest)
        {
            var copy = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest.Path))!;
            foreach (var project in manifest.Projects) copy["resources"]![project]!["path"] = manifest.ProjectPath(project);
            return copy.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        }
    }

    public static TheoryData<string> Projects => new(Manifest.Projects);

    [Fact]
    public void The_manifest_describes_the_six_services() =>
        Assert.Equal(["analytics", "auth", "gateway", "playlist", "streaming", "voice"], Manifest.Projects.Order());

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_project_path_exists(string project) =>
        Assert.True(File.Exists(Manifest.ProjectPath(project)), $"{project}: {Manifest.ProjectPath(project)} is missing");

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_connection_string_a_service_reads_is_given_to_it(string project)
    {
        var environment = Manifest.Environment(project);
        var read = ServiceSource.ConnectionStringsRead(Path.GetDirectoryName(Manifest.ProjectPath(project))!);

        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.True(environment.ContainsKey($"ConnectionStrings__{name}"),
            $"{project} reads connection string '{name}' but the manifest does not give it ConnectionStrings__{name}"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_service_a_service_calls_is_discoverable_by_it(string project)
    {
        var environment = Manifest.Environment(project);
        var called = ServiceSource.ServicesCalled(Path.GetDirectoryName(Manifest.ProjectPath(project))!, project, Manifest.Projects, Root);

        Assert.All(called, name => Assert.True(environment.ContainsKey($"services__{name}__http__0"),
            $"{project} calls http://{name} but has no services__{name}__http__0"));
    }

    [Fact]
    public void The_gateway_can_discover_every_other_service()
    {
        var environment = Manifest.Environment("gateway");
        Assert.All(Manifest.Projects.Where(p => p != "gateway"),
            name => Assert.True(environment.ContainsKey($"services__{name}__http__0"), $"gateway cannot find {name}"));
    }

    [Fact]
    public void Only_the_gateway_is_reachable_from_outside()
    {
        var external = Manifest.Projects
            .Where(p => Manifest.Resource(p)["bindings"]!.AsObject().Any(b => (bool?)b.Value!["external"] == true));
        Assert.Equal(["gateway"], external);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_connection_string_given_to_a_project_names_a_resource_with_one(string project)
    {
        foreach (var (key, value) in Manifest.Environment(project).Where(e => e.Key.StartsWith("ConnectionStrings__")))
        {
            var name = key["ConnectionStrings__".Length..];
            Assert.Equal($"{{{name}.connectionString}}", value);
            Assert.NotNull(Manifest.Resource(name)["connectionString"]);
        }
    }

    /// <summary>
    /// Every {resource.path} in the manifest points at something that exists: a resource with a
    /// connection string, a parameter (or a value derived from one), or a named binding.
    /// </summary>
    [Fact]
    public void Every_expression_points_at_something_that_exists()
    {
        var text = File.ReadAllText(Manifest.Path);
        var expressions = Placeholder().Matches(text).Select(m => (Resource: m.Groups[1].Value, Path: m.Groups[2].Value)).Distinct().ToList();

        Assert.NotEmpty(expressions);
        Assert.All(expressions, e =>
        {
            Assert.True(Manifest.ResourceNames.Contains(e.Resource), $"{{{e.Resource}.{e.Path}}}: no resource '{e.Resource}'");
            var resource = Manifest.Resource(e.Resource);
            var type = (string)resource["type"]!;
            var parts = e.Path.Split('.');
            switch (parts[0])
            {
                case "connectionString":
                    Assert.NotNull(resource["connectionString"]);
                    break;
                case "value":
                    Assert.Contains(type, new[] { "parameter.v0", "annotated.string" });
                    break;
                case "inputs":
                    Assert.Equal("parameter.v0", type);
                    Assert.Equal("inputs.value", e.Path);
                    Assert.NotNull(resource["inputs"]?["value"]);
                    break;
                case "bindings":
                    Assert.Equal(3, parts.Length);
                    Assert.True(resource["bindings"]?[parts[1]] is JsonObject, $"{{{e.Resource}.{e.Path}}}: no binding '{parts[1]}'");
                    Assert.Contains(parts[2], new[] { "host", "port", "targetPort", "url", "scheme" });
                    break;
                default:
                    Assert.Fail($"{{{e.Resource}.{e.Path}}} is not an expression form the manifest uses");
                    break;
            }
        });
    }

    [Fact]
    public void Every_derived_value_derives_from_a_parameter()
    {
        foreach (var name in Manifest.ResourceNames.Where(n => Manifest.TypeOf(n) == "annotated.string"))
        {
            var source = Placeholder().Match((string)Manifest.Resource(name)["value"]!).Groups[1].Value;
            Assert.Equal("parameter.v0", Manifest.TypeOf(source));
            Assert.Equal("uri", (string?)Manifest.Resource(name)["filter"]);
        }
    }

    [GeneratedRegex(@"\{([A-Za-z0-9\-]+)\.([A-Za-z0-9\.\-]+)\}")]
    internal static partial Regex Placeholder();

}
