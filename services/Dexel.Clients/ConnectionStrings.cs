using Microsoft.Extensions.Configuration;

namespace Dexel.Clients;

internal static class ConnectionStrings
{
    public static string Require(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Connection string '{name}' is missing. Set ConnectionStrings__{name} (the AppHost and eng/run.sh do).");

    /// <summary>Parses the "Key=Value;Key=Value" form Aspire uses for MinIO and ClickHouse.</summary>
    public static Dictionary<string, string> Parse(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);
}
