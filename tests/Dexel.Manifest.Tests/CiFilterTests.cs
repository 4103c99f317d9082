using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dexel.Manifest.Tests;

/// <summary>
/// CI builds Dexel.Ci.slnf, which must be Dexel.sln minus the AppHost (its Aspire packages aren't
/// served on our machines). A project added to the solution but not to the filter would silently
/// go unbuilt and untested.
/// </summary>
public sealed partial class CiFilterTests
{
    [GeneratedRegex("""^Project\("\{[^}]+\}"\) = "[^"]+", "([^"]+\.csproj)",""", RegexOptions.Multiline)]
    private static partial Regex SolutionProject();

    [Fact]
    public void The_ci_filter_is_the_solution_without_the_apphost()
    {
        var root = ManifestConsistencyTests.Root;
        var inSolution = SolutionProject().Matches(File.ReadAllText(Path.Combine(root, "Dexel.sln")))
            .Select(m => m.Groups[1].Value.Replace('\\', '/'))
            .ToList();
        var filter = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "Dexel.Ci.slnf")))!["solution"]!;
        var inFilter = filter["projects"]!.AsArray().Select(p => p!.GetValue<string>().Replace('\\', '/'));

        Assert.Contains("Dexel.AppHost/Dexel.AppHost.csproj", inSolution);
        Assert.Equal("Dexel.sln", (string?)filter["path"]);
        Assert.Equal(inSolution.Where(p => p != "Dexel.AppHost/Dexel.AppHost.csproj").Order(StringComparer.Ordinal),
            inFilter.Order(StringComparer.Ordinal));
    }
}
