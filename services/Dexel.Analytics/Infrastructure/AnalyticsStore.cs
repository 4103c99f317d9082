using System.Text;
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

    private readonly HttpClient _http = new() { BaseAddress = settings.HttpEndpoint, Timeout = TimeSpan.FromMinutes(5) };

    /// <summary>
    /// DDL and INSERT ... SELECT, posted as written to the HTTP interface: the driver asks for a
    /// result format (RowBinaryWithNamesAndTypes) that 18.16 rejects even where nothing is returned.
    /// </summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(HttpQuery(), new StringContent(sql), cancellationToken);
        await EnsureAcceptedAsync(response, cancellationToken);
    }

    /// <summary>
    /// Which of <paramref name="ids"/> a table holds with occurred_at in [from, to]. The ids travel
    /// as an external table (ClickHouse's HTTP "external data"), not as SQL literals: a batch of
    /// any size is one small statement, and ClickHouse parses no literals.
    /// </summary>
    public async Task<HashSet<Guid>> ExistingEventIdsAsync(string table, DateTime from, DateTime to, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var query = $"SELECT event_id FROM {table} WHERE occurred_at >= {Sql.Time(from)} AND occurred_at <= {Sql.Time(to)} AND event_id IN batch_ids FORMAT TabSeparated";
        var rows = new StringBuilder();
        foreach (var id in ids) rows.Append(id.ToString("D")).Append('\n');
        using var form = new MultipartFormDataContent { { new StringContent(rows.ToString()), "batch_ids", "batch_ids.tsv" } };
        using var response = await _http.PostAsync(HttpQuery($"&query={Uri.EscapeDataString(query)}&batch_ids_structure=event_id%20UUID"), form, cancellationToken);
        await EnsureAcceptedAsync(response, cancellationToken);
        var existing = new HashSet<Guid>();
        foreach (var line in (await response.Content.ReadAsStringAsync(cancellationToken)).AsSpan().EnumerateLines())
            if (!line.IsWhiteSpace()) existing.Add(Guid.Parse(line));
        return existing;
    }

    /// <summary>Every deleted account (user.deleted): a small table, read whole once a batch.</summary>
    public async Task<HashSet<Guid>> DeletedUsersAsync(CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT DISTINCT toString(user_id) AS id FROM deleted_users", cancellationToken)).Select(row => row.Guid("id")).ToHashSet();

    public Task MarkDeletedAsync(Guid userId, CancellationToken cancellationToken) =>
        ExecuteAsync($"INSERT INTO deleted_users VALUES ({Sql.Uuid(userId)}, now())", cancellationToken);

    private string HttpQuery(string more = "") =>
        $"/?user={Uri.EscapeDataString(settings.User)}&password={Uri.EscapeDataString(settings.Password)}&database={Uri.EscapeDataString(settings.Database)}{more}";

    private static async Task EnsureAcceptedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"ClickHouse refused a statement ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

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

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }
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
