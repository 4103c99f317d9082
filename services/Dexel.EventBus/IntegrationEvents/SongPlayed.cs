namespace Dexel.EventBus.IntegrationEvents;

/// <summary>A playback event; <see cref="Type"/> is "started", "completed" or "skipped".</summary>
public sealed record SongPlayed(Guid TrackId, Guid UserId, string Type, long PositionMs) : IntegrationEvent
{
    public override string AggregateKey => TrackId.ToString();
}
