using System.Reflection;

namespace Dexel.Analytics.Infrastructure;

/// <summary>
/// Applies the embedded Migrations/NNNN_name.sql files that schema_migrations does not list yet,
/// in order, before the service takes traffic. Every statement is IF NOT EXISTS, so two
/// replicas starting together both succeed.
/// </summary>
internal sealed class SchemaMigrator(AnalyticsStore store, ILogger<SchemaMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at DateTime) ENGINE = MergeTree ORDER BY version",
            cancellationToken);
        var applied = (await store.QueryAsync("SELECT version FROM schema_migrations", cancellationToken))
            .Select(row => (int)row.Long("version")).ToHashSet();

        foreach (var (version, name, sql) in Migrations())
        {
            if (applied.Contains(version)) continue;
            logger.LogInformation("Applying ClickHouse migration {Version} {Name}", version, name);
            foreach (var statement in Statements(sql)) await store.ExecuteAsync(statement, cancellationToken);
            await store.ExecuteAsync($"INSERT INTO schema_migrations VALUES ({version}, {Sql.String(name)}, now())", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static IEnumerable<(int Version, string Name, string Sql)> Migrations()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.Contains(".Migrations.") && name.EndsWith(".sql"))
            .Select(resource =>
            {
                var file = resource[(resource.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..^4];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
                // Resource names of files starting with a digit get a leading underscore.
                var name = file.TrimStart('_');
                return (int.Parse(name[..name.IndexOf('_')]), name, reader.ReadToEnd());
            })
            .OrderBy(m => m.Item1);
    }

    private static IEnumerable<string> Statements(string sql) =>
        string.Join('\n', sql.Split('\n').Where(line => !line.TrimStart().StartsWith("--")))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(statement => statement.Length > 0);
}
