using System.Text.RegularExpressions;
using Dexel.LocalRun;

namespace Dexel.Manifest.Tests;

/// <summary>
/// aspire-manifest.json against Dexel.AppHost/Program.cs. The manifest is kept by hand (the AppHost
/// can't be built here), so these catch the two drifting apart.
/// </summary>
public sealed partial class AppHostConsistencyTests
{
    private static readonly AppHostSource AppHost = new(File.ReadAllText(
        Path.Combine(ManifestConsistencyTests.Root, "Dexel.AppHost", "Program.cs")));

    private static readonly AspireManifest Manifest = ManifestConsistencyTests.Manifest;

    public static TheoryData<string> Projects => new(Manifest.Projects);

    [Fact]
    public void The_apphost_declares_every_resource_of_the_manifest()
    {
        // Aspire derives these itself: AddRedis("redis") generates "redis-password", and
        // "<parameter>-uri-encoded" values appear where a *_URI variable needs an encoded password.
        var derived = Manifest.ResourceNames.Where(n => n == "redis-password" || Manifest.TypeOf(n) == "annotated.string");

        Assert.All(Manifest.ResourceNames.Except(derived), name => Assert.Contains($"\"{name}\"", AppHost.Text));
    }

    [Fact]
    public void The_manifest_describes_every_project_of_the_apphost() =>
        Assert.Equal(AppHost.References.Keys.Order(), Manifest.Projects.Order());

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_gets_exactly_the_connection_strings_the_apphost_references(string project)
    {
        var expected = AppHost.References[project].Where(r => !AppHost.References.ContainsKey(r)).Order();
        var given = Manifest.Environment(project).Keys
            .Where(k => k.StartsWith("ConnectionStrings__"))
            .Select(k => k["ConnectionStrings__".Length..])
            .Order();

        Assert.Equal(expected, given);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_discovers_exactly_the_services_the_apphost_references(string project)
    {
        var expected = AppHost.References[project].Where(AppHost.References.ContainsKey).Order();
        var given = Manifest.Environment(project).Keys
            .Where(k => k.StartsWith("services__") && k.EndsWith("__http__0"))
            .Select(k => k["services__".Length..^"__http__0".Length])
            .Order();

        Assert.Equal(expected, given);
    }

    [Fact]
    public void Container_images_are_the_ones_the_apphost_pins()
    {
        var containers = AddContainer().Matches(AppHost.Text);

        Assert.NotEmpty(containers);
        Assert.All(containers, c =>
        {
            var registry = c.Groups[4].Success ? c.Groups[4].Value + "/" : "";
            Assert.Equal($"{registry}{c.Groups[2].Value}:{c.Groups[3].Value}", Manifest.Image(c.Groups[1].Value));
        });
    }

    [GeneratedRegex("""AddContainer\("([\w-]+)", "([^"]+)", "([^"]+)"\)(?:\s*\.WithImageRegistry\("([^"]+)"\))?""")]
    private static partial Regex AddContainer();
}
