using System.Text.RegularExpressions;

namespace Dexel.Manifest.Tests;

/// <summary>What a service's own code and settings read: connection-string and service-discovery names.</summary>
internal static partial class ServiceSource
{
    [GeneratedRegex("""(?:AddServiceDatabase<\w+>|AddRedisClient|AddKafkaProducer|AddEventPublishing<\w+>|AddObjectStore|AddClickHouseSettings|GetConnectionString)\(\s*"([\w-]+)"[,)]""")]
    private static partial Regex ConnectionStringUse();

    [GeneratedRegex("""(?:https\+http|http|https)://([a-z][\w-]*)(?=["/])""")]
    private static partial Regex ServiceAddress();

    public static IReadOnlySet<string> ConnectionStringsRead(string projectDirectory) =>
        Matches(projectDirectory, "*.cs", ConnectionStringUse());

    public static IReadOnlySet<string> ServicesCalled(string projectDirectory, IEnumerable<string> knownServices)
    {
        var names = Matches(projectDirectory, "*.cs", ServiceAddress())
            .Concat(Matches(projectDirectory, "appsettings*.json", ServiceAddress()));
        return names.Where(knownServices.Contains).ToHashSet();
    }

    private static HashSet<string> Matches(string directory, string pattern, Regex regex) =>
        Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(path => regex.Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value))
            .ToHashSet();
}
