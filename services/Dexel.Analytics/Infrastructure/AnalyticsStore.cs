using System.Text.Json;
using ClickHouse.Driver;
using Dexel.Clients;

namespace Dexel.Analytics.Infrastructure;

/// <summary>
/// The service's one ClickHouse client. Settings that ClickHouse 18.16 (our CI's server) and
/// current releases both accept: no JSON column modes, no compression; reads as JSONEachRow.
/// </summary>
public sealed class AnalyticsStore(ClickHouseSettings settings) : IDisposable
{
    private readonly ClickHouseClient _client = new(settings.ConnectionString + ";JsonReadMode=None;JsonWriteMode=None;Compression=false");

    public Task<long> InsertAsync(string table, IReadOnlyList<string> columns, IReadOnlyDictionary<string, string> types,
        IEnumerable<object[]> rows, CancellationToken cancellationToken) =>
        _client.InsertBinaryAsync(table, columns, rows, new InsertOptions { ColumnTypes = types, Compressor = null }, cancellationToken);

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        _client.ExecuteNonQueryAsync(sql, null, null, cancellationToken);

    /// <summary>Runs a SELECT and returns its rows; 64-bit numbers may come back quoted (see <see cref="Json"/>).</summary>
    public async Task<List<JsonElement>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        using var result = await _client.ExecuteRawResultAsync(sql + "\nFORMAT JSONEachRow", null, cancellationToken);
        var text = await result.ReadAsStringAsync();
        var rows = new List<JsonElement>();
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.IsWhiteSpace()) continue;
            rows.Add(JsonDocument.Parse(line.ToString()).RootElement);
        }
        return rows;
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>Reading JSONEachRow values, where ClickHouse quotes 64-bit integers.</summary>
public static class Json
{
    public static long Long(this JsonElement row, string name) =>
        row.GetProperty(name) is var value && value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!) : row.GetProperty(name).GetInt64();

    public static double Double(this JsonElement row, string name)
    {
        var value = row.GetProperty(name);
        return value.ValueKind switch
        {
            JsonValueKind.String => double.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0,
            JsonValueKind.Number => value.GetDouble(),
            _ => 0,
        };
    }

    public static string String(this JsonElement row, string name) => row.GetProperty(name).GetString() ?? "";

    public static Guid Guid(this JsonElement row, string name) => System.Guid.Parse(row.GetProperty(name).GetString()!);

    /// <summary>A DateTime column selected as toUnixTimestamp(...).</summary>
    public static DateTime Time(this JsonElement row, string name) => DateTime.UnixEpoch.AddSeconds(row.Long(name));
}

/// <summary>Literals for the SQL we build: ClickHouse 18.16 has no query parameters.</summary>
public static class Sql
{
    public static string Uuid(Guid id) => $"toUUID('{id}')";

    public static string Time(DateTime utc) => $"toDateTime({new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds()})";

    public static string String(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
