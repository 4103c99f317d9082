
namespace Dexel.Testing;

/// <summary>The AppHost's published model and the servers eng/servers.sh started (CI starts them first).</summary>
public static class TestEnvironment
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dexel.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Tests must run from inside the Dexel repository.");
    });

    private static readonly Lazy<AspireManifest> LazyManifest = new(() => AppHostModel.Publish(RepositoryRoot));

    private static readonly Lazy<LocalServers> LazyServers = new(() =>
    {
        var path = LocalServers.DefaultPath(RepositoryRoot);
        return File.Exists(path)
            ? LocalServers.Load(path)
            : throw new InvalidOperationException($"{path} not found: start the servers with 'eng/servers.sh start'.");
    });

    public static AspireManifest Manifest => LazyManifest.Value;
    public static LocalServers Servers => LazyServers.Value;
    public static string RepositoryRoot => LazyRoot.Value;
    public static string LogDirectory => Path.Combine(RepositoryRoot, ".local", "test-logs");

    /// <summary>A short unique suffix for names a test creates (databases, buckets, users).</summary>
    public static string UniqueSuffix() => Guid.NewGuid().ToString("N")[..10];

    public static string PostgresAdminConnectionString =>
        $"Host={Servers.Servers["postgres"].Host};Port={Servers.Servers["postgres"].Port};Username=postgres;Password={Servers.Parameters["postgres-password"]};Database=postgres";
}
