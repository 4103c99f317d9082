using Dexel.Analytics.Application.Realtime;
using Dexel.Analytics.Infrastructure;
using Dexel.EventBus.Consumers;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.IntegrationEvents;

/// <summary>
/// A deleted account's rows leave every table keyed by the user (plays, likes, voice commands,
/// registration, playlists) and its last activity leaves Redis. Only the hourly per-track
/// totals and the live listener counts stay, which hold counts and hashed distinct-listener sketches, no user ids.
/// ClickHouse applies the deletes in the background (mutations), within seconds. The account is
/// marked deleted first, so ingestion drops its events from then on: one stored before the mark
/// is still there when the mutations start, and they remove it.
/// </summary>
public sealed class UserDeletedHandler(AnalyticsStore store, RealtimeCounters realtime) : IIntegrationEventHandler<UserDeleted>
{
    private static readonly (string Table, string Column)[] Rows =
    [
        ("plays", "user_id"), ("plays_by_user", "user_id"), ("plays_by_track", "user_id"),
        ("likes", "user_id"), ("likes_by_user", "user_id"), ("voice_commands", "user_id"),
        ("users", "user_id"), ("playlists", "owner_id"),
    ];

    public async Task HandleAsync(UserDeleted @event, CancellationToken cancellationToken)
    {
        await store.MarkDeletedAsync(@event.UserId, cancellationToken);
        foreach (var (table, column) in Rows)
            await store.ExecuteAsync($"ALTER TABLE {table} DELETE WHERE {column} = {Sql.Uuid(@event.UserId)}", cancellationToken);
        await realtime.MarkDeletedAsync(@event.UserId);
    }
}
