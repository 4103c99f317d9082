using System.Diagnostics;
using Dexel.Testing;

namespace ServingBench;

/// <summary>The services the home screen draws on, as the tests start them, with budgets out of the way.</summary>
internal sealed class BenchSystem : DexelAppFixture
{
    public const string RaisedFreePerMinute = "10000000";

    protected override IReadOnlyList<string> ServicesToStart => ["auth", "analytics", "playlist", "streaming", "gateway"];

    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        // Printed by Program: the budget every request of the run would otherwise exhaust.
        if (service == "gateway") environment["RateLimiting__FreePerMinute"] = RaisedFreePerMinute;
        if (service == "analytics") environment["Analytics__Realtime__KeyPrefix"] = $"analytics-{Suffix}:";
        // Per-request logs would cost more than the requests measured; ingestion's batch lines stay.
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["Logging__LogLevel__Dexel.Analytics.Application.Ingestion"] = "Debug";
    }
}

/// <summary>Deterministic ids, shared by the events produced here and the rows generated in ClickHouse.</summary>
internal static class Ids
{
    public static Guid Track(long i) => Guid.Parse($"00000000-0000-4000-8000-{0x100000000000 + i:x12}");
    public static Guid Listener(long i) => Guid.Parse($"00000000-0000-4000-9000-{0x100000000000 + i:x12}");
}

internal sealed class BenchClickHouse(string connectionString)
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(30) };
    private readonly string _url = Url(connectionString);

    private static string Url(string connectionString)
    {
        var parts = connectionString.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return $"http://{parts["Host"]}:{parts["Port"]}/?user={parts["Username"]}&password={Uri.EscapeDataString(parts["Password"])}&database={parts["Database"]}";
    }

    public async Task<long> CountAsync(string table) => long.Parse((await QueryAsync($"SELECT count() FROM {table}")).Trim());

    public Task ExecuteAsync(string sql) => QueryAsync(sql);

    private async Task<string> QueryAsync(string sql)
    {
        using var response = await _http.PostAsync(_url, new StringContent(sql));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException(text);
    }

    /// <summary>Plays over the last 30 days with the ids of <see cref="Ids"/>; the materialized views fill as for ingested ones.</summary>
    public static string GeneratedPlays(long count, int tracks, int listeners, Guid? userId) => $"""
        INSERT INTO plays (event_id, occurred_at, user_id, track_id, type, position_ms)
        SELECT generateUUIDv4(), toDateTime(now() - intHash32(number) % (30 * 86400)),
               {(userId is { } id ? $"toUUID('{id}')" : $"toUUID(concat('00000000-0000-4000-9000-', hex(toUInt64(17592186044416 + intHash32(number + 1) % {listeners}))))")},
               toUUID(concat('00000000-0000-4000-8000-', hex(toUInt64(17592186044416 + toUInt64(pow(intHash32(number + 2) / 4294967296, 3) * {tracks}) % {tracks})))),
               ['started', 'completed', 'completed', 'skipped'][number % 4 + 1], (number % 200) * 1000
        FROM numbers({count})
        """;
}

internal static class Latency
{
    /// <summary>The first request's time (a shared report's cold computation); two more warm up.</summary>
    public static async Task<double> WarmAsync(HttpClient client, string path)
    {
        var cold = Stopwatch.StartNew();
        await SendAsync(client, path);
        var first = cold.Elapsed.TotalMilliseconds;
        for (var i = 1; i < 3; i++) await SendAsync(client, path);
        return first;
    }

    public static async Task<List<double>> MeasureAsync(HttpClient client, string path, int requests)
    {
        var latencies = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await SendAsync(client, path);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    public static string Spread(IEnumerable<double> values)
    {
        var list = values.ToList();
        return $"{Percentile(list, 50):F1} ({list.Min():F1}–{list.Max():F1})";
    }

    private static async Task SendAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
