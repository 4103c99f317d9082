using System.Text.RegularExpressions;

namespace Dexel.Manifest.Tests;

/// <summary>
/// A textual reading of Dexel.AppHost/Program.cs: which resource each variable holds and what each
/// project references. The AppHost can't be run here, so this is how the hand-kept manifest is
/// checked against it. It relies on the file's plain style: one `var x = ...("name"...` per
/// resource and one `AddProject&lt;...&gt;("name")...;` chain per service.
/// </summary>
internal sealed partial class AppHostSource
{
    [GeneratedRegex("""var (\w+) = [^;]*?\("([a-z][\w-]*)"[,)]""")]
    private static partial Regex Declaration();

    [GeneratedRegex("""AddProject<[\w.]+>\("([a-z][\w-]*)"\)([^;]*);""")]
    private static partial Regex ProjectChain();

    [GeneratedRegex(@"\.WithReference\((\w+)\)")]
    private static partial Regex Reference();

    public AppHostSource(string programText)
    {
        Text = programText;
        ResourceOf = Declaration().Matches(programText).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        References = ProjectChain().Matches(programText).ToDictionary(
            m => m.Groups[1].Value,
            m => (IReadOnlyList<string>)Reference().Matches(m.Groups[2].Value)
                .Select(r => ResourceOf.TryGetValue(r.Groups[1].Value, out var name)
                    ? name
                    : throw new InvalidOperationException($"Program.cs: WithReference({r.Groups[1].Value}) names no declared resource."))
                .ToList());
    }

    public string Text { get; }

    /// <summary>Variable name -> resource name.</summary>
    public IReadOnlyDictionary<string, string> ResourceOf { get; }

    /// <summary>Project resource name -> resource names it references, in order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> References { get; }
}
