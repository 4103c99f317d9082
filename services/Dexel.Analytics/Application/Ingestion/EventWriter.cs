using System.Diagnostics.Metrics;
using Dexel.Analytics.Infrastructure;
using Dexel.EventBus;

namespace Dexel.Analytics.Application.Ingestion;

/// <summary>
/// Stores a batch with exactly-once effect: copies within the batch and events already in
/// ClickHouse (a redelivery after a crash between insert and offset commit, a replay, an
/// outbox that published twice) are dropped by event id before the binary insert. The lookup
/// is bounded by the batch's time range, which the (occurred_at, event_id) order key serves.
/// </summary>
public sealed class EventWriter(AnalyticsStore store, IMeterFactory meters)
{
    // Prometheus: dexel_analytics_events_stored_total and dexel_analytics_duplicates_dropped_total, by table.
    private readonly Counter<long> _stored = meters.Create(DexelTelemetry.SourceName).CreateCounter<long>("analytics.events_stored");
    private readonly Counter<long> _duplicates = meters.Create(DexelTelemetry.SourceName).CreateCounter<long>("analytics.duplicates_dropped");

    /// <returns>The events that were new, now stored.</returns>
    public async Task<IReadOnlyList<IntegrationEvent>> WriteAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        var stored = new List<IntegrationEvent>();
        foreach (var group in events.GroupBy(e => Topics.For(e.GetType())))
        {
            var table = EventTable.ByTopic[group.Key];
            var unique = group.DistinctBy(e => e.EventId).ToList();
            var existing = await ExistingAsync(table, unique, cancellationToken);
            var fresh = unique.Where(e => !existing.Contains(e.EventId)).ToList();
            if (fresh.Count > 0)
                await store.InsertAsync(table.Name, table.Columns, table.Types, fresh.Select(table.ToRow), cancellationToken);
            _stored.Add(fresh.Count, new KeyValuePair<string, object?>("table", table.Name));
            _duplicates.Add(group.Count() - fresh.Count, new KeyValuePair<string, object?>("table", table.Name));
            stored.AddRange(fresh);
        }
        return stored;
    }

    // ClickHouse refuses statements over max_query_size (256 KiB); 2,000 ids are about 80 KiB.
    private const int IdsPerLookup = 2_000;

    private async Task<HashSet<Guid>> ExistingAsync(EventTable table, List<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        var existing = new HashSet<Guid>();
        foreach (var chunk in events.OrderBy(e => e.OccurredAt).Chunk(IdsPerLookup))
        {
            var rows = await store.QueryAsync($"""
                SELECT toString(event_id) AS id FROM {table.Name}
                WHERE occurred_at >= {Sql.Time(chunk[0].OccurredAt)} AND occurred_at <= {Sql.Time(chunk[^1].OccurredAt)}
                  AND event_id IN ({string.Join(',', chunk.Select(e => $"'{e.EventId}'"))})
                """, cancellationToken);
            existing.UnionWith(rows.Select(row => row.Guid("id")));
        }
        return existing;
    }
}
