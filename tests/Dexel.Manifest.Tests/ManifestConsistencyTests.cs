using System.Text.RegularExpressions;
using Dexel.LocalRun;

namespace Dexel.Manifest.Tests;

public sealed partial class ManifestConsistencyTests
{
    private static readonly string Root = FindRoot();
    private static readonly AspireManifest Manifest = AspireManifest.Load(Path.Combine(Root, "aspire-manifest.json"));

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
        var called = ServiceSource.ServicesCalled(Path.GetDirectoryName(Manifest.ProjectPath(project))!, Manifest.Projects);

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
    public void Every_resource_an_expression_mentions_exists()
    {
        var text = File.ReadAllText(Path.Combine(Root, "aspire-manifest.json"));
        var mentioned = Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.NotEmpty(mentioned);
        Assert.All(mentioned, name => Assert.Contains(name, Manifest.ResourceNames));
    }

    [Fact]
    public void The_apphost_declares_every_resource_of_the_manifest()
    {
        var appHost = File.ReadAllText(Path.Combine(Root, "Dexel.AppHost", "Program.cs"));
        // Aspire derives these from AddRedis and AddKafka(...).WithKafkaUI() themselves.
        string[] derived = ["redis-password", "kafka-ui"];

        Assert.All(Manifest.ResourceNames.Except(derived),
            name => Assert.Contains($"\"{name}\"", appHost));
    }

    [GeneratedRegex(@"\{([A-Za-z0-9\-]+)\.(?:connectionString|value|bindings|inputs)")]
    private static partial Regex Placeholder();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "aspire-manifest.json"))) return dir.FullName;
        throw new InvalidOperationException("aspire-manifest.json not found above the test binaries.");
    }
}
