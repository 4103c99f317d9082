namespace Dexel.EventBus.IntegrationEvents;

/// <summary>A like or an unlike (<see cref="Liked"/> false) of a track by a user.</summary>
public sealed record SongLiked(Guid TrackId, Guid UserId, bool Liked) : IntegrationEvent
{
    public override string AggregateKey => TrackId.ToString();
}
