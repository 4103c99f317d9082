using System.Diagnostics.Metrics;
using Dexel.Analytics.Infrastructure;

namespace Dexel.Analytics.Application.Ingestion;

/// <summary>
/// Stores a batch with exactly-once effect: copies within the batch and events already in
/// ClickHouse (a redelivery after a crash between insert and offset commit, a replay, an
/// outbox that published twice) are dropped by event id before the binary insert. The lookup
/// is bounded by the batch's time range, which the (occurred_at, event_id) order key serves.
/// Events of deleted accounts are dropped too, so a late event or a replay cannot bring back
/// what the deletion removed.
/// </summary>
public sealed class EventWriter(AnalyticsStore store, IMeterFactory meters)
{
    // Prometheus: dexel_analytics_events_stored_total, dexel_analytics_duplicates_dropped_total and
    // dexel_analytics_deleted_accounts_dropped_total, by table.
    private readonly Counter<long> _stored = meters.Create(DexelTelemetry.SourceName).CreateCounter<long>("analytics.events_stored");
    private readonly Counter<long> _duplicates = meters.Create(DexelTelemetry.SourceName).CreateCounter<long>("analytics.duplicates_dropped");
    private readonly Counter<long> _ofDeletedAccounts = meters.Create(DexelTelemetry.SourceName).CreateCounter<long>("analytics.deleted_accounts_dropped");

    /// <returns>The events that were new, now stored.</returns>
    public async Task<IReadOnlyList<EventRow>> WriteAsync(IReadOnlyList<EventRow> rows, CancellationToken cancellationToken)
    {
        var stored = new List<EventRow>();
        // Read while the first duplicate lookup runs, so the check adds no round trip in a row.
        var deletedAccounts = rows.Any(row => row.Table.AccountColumn is not null) ? store.DeletedUsersAsync(cancellationToken) : Task.FromResult(new HashSet<Guid>());
        foreach (var group in rows.GroupBy(row => row.Table))
        {
            var table = group.Key;
            var unique = group.DistinctBy(row => row.EventId).ToList();
            var existing = await ExistingAsync(table, unique, cancellationToken);
            var deleted = await deletedAccounts;
            var kept = unique.Where(row => row.Account is not { } account || !deleted.Contains(account)).ToList();
            var fresh = kept.Where(row => !existing.Contains(row.EventId)).ToList();
            if (fresh.Count > 0)
                await store.InsertAsync(table.Name, table.ColumnNames, table.Types, fresh.Select(row => row.Values), cancellationToken);
            _stored.Add(fresh.Count, new KeyValuePair<string, object?>("table", table.Name));
            _ofDeletedAccounts.Add(unique.Count - kept.Count, new KeyValuePair<string, object?>("table", table.Name));
            _duplicates.Add((group.Count() - unique.Count) + (kept.Count - fresh.Count), new KeyValuePair<string, object?>("table", table.Name));
            stored.AddRange(fresh);
        }
        return stored;
    }

    private Task<HashSet<Guid>> ExistingAsync(EventTable table, List<EventRow> rows, CancellationToken cancellationToken) =>
        store.ExistingEventIdsAsync(table.Name, rows.Min(r => r.OccurredAt), rows.Max(r => r.OccurredAt), rows.Select(r => r.EventId), cancellationToken);
}
