using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Dexel.Clients;

/// <summary>What every client integration's settings share, as in Aspire's own.</summary>
public abstract class ClientSettings
{
    /// <summary>Taken from <c>ConnectionStrings:{name}</c> when that is set, as the AppHost passes it.</summary>
    public string? ConnectionString { get; set; }

    public bool DisableHealthChecks { get; set; }

    public TimeSpan? HealthCheckTimeout { get; set; }
}

internal static class ConnectionStrings
{
    /// <summary>
    /// Aspire's order: the integration's section (<c>Aspire:...</c>), then its per-connection
    /// subsection, then the connection string, then the caller's code.
    /// </summary>
    public static T Bind<T>(IHostApplicationBuilder builder, string sectionName, string connectionName, Action<T>? configure)
        where T : ClientSettings, new()
    {
        var settings = new T();
        var section = builder.Configuration.GetSection(sectionName);
        section.Bind(settings);
        section.GetSection(connectionName).Bind(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
            settings.ConnectionString = connectionString;
        configure?.Invoke(settings);
        if (string.IsNullOrEmpty(settings.ConnectionString))
            throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing. Set ConnectionStrings__{connectionName} (the AppHost and eng/run.sh do) or {sectionName}:ConnectionString.");
        return settings;
    }

    /// <summary>Parses the "Key=Value;Key=Value" form Aspire uses for MinIO and ClickHouse.</summary>
    public static Dictionary<string, string> Parse(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);
}
