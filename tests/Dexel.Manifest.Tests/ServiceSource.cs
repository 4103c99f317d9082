using System.Text.RegularExpressions;

namespace Dexel.Manifest.Tests;

/// <summary>What a service's own code and settings read: connection-string and service-discovery names.</summary>
internal static partial class ServiceSource
{
    [GeneratedRegex("""(?:AddServiceDatabase<\w+>|AddRedisClient|AddKafkaProducer|AddEventPublishing<\w+>|AddObjectStore|AddClickHouseClient|GetConnectionString)\(\s*"([\w-]+)"[,)]""")]
    private static partial Regex ConnectionStringUse();

    [GeneratedRegex("""(?:https\+http|http|https)://([a-z][\w-]*)(?=["/])""")]
    private static partial Regex ServiceAddress();

    [GeneratedRegex(@"\bAddDefaultAuthentication\(")]
    private static partial Regex DefaultAuthenticationUse();

    public static IReadOnlySet<string> ConnectionStringsRead(string projectDirectory) =>
        Matches(projectDirectory, "*.cs", ConnectionStringUse());

    /// <summary>
    /// The services a project addresses by name: in its own code and settings, and through
    /// AddDefaultAuthentication (ServiceDefaults), which fetches the signing keys from the auth
    /// service by its discovery name. A service never needs to discover itself.
    /// </summary>
    public static IReadOnlySet<string> ServicesCalled(string projectDirectory, string self, IEnumerable<string> knownServices, string repositoryRoot)
    {
        var names = Matches(projectDirectory, "*.cs", ServiceAddress())
            .Concat(Matches(projectDirectory, "appsettings*.json", ServiceAddress()));

        if (Matches(projectDirectory, "*.cs", DefaultAuthenticationUse(), group: 0).Count > 0)
        {
            var defaults = File.ReadAllText(Path.Combine(repositoryRoot, "Dexel.ServiceDefaults", "AuthenticationExtensions.cs"));
            names = names.Concat(ServiceAddress().Matches(defaults).Select(m => m.Groups[1].Value));
        }

        return names.Where(knownServices.Contains).Where(name => name != self).ToHashSet();
    }

    private static HashSet<string> Matches(string directory, string pattern, Regex regex, int group = 1) =>
        Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(path => regex.Matches(File.ReadAllText(path)).Select(m => m.Groups[group].Value))
            .ToHashSet();
}
