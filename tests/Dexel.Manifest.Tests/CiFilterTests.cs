using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dexel.Manifest.Tests;

/// <summary>
/// CI builds Dexel.Ci.slnf, which must list every project of Dexel.sln, the AppHost included. A
/// project added to the solution but not to the filter would silently go unbuilt and untested.
/// </summary>
public sealed partial class CiFilterTests
{
    [GeneratedRegex("""^Project\("\{[^}]+\}"\) = "[^"]+", "([^"]+\.csproj)",""", RegexOptions.Multiline)]
    private static partial Regex SolutionProject();

    [Fact]
    public void The_ci_filter_is_the_whole_solution()
    {
        var root = ManifestConsistencyTests.Root;
        var inSolution = SolutionProject().Matches(File.ReadAllText(Path.Combine(root, "Dexel.sln")))
            .Select(m => m.Groups[1].Value.Replace('\\', '/'))
            .ToList();
        var filter = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "Dexel.Ci.slnf")))!["solution"]!;
        var inFilter = filter["projects"]!.AsArray().Select(p => p!.GetValue<string>().Replace('\\', '/'));

        Assert.Contains("Dexel.AppHost/Dexel.AppHost.csproj", inSolution);
        Assert.Equal("Dexel.sln", (string?)filter["path"]);
        Assert.Equal(inSolution.Order(StringComparer.Ordinal),
            inFilter.Order(StringComparer.Ordinal));
    }
}
