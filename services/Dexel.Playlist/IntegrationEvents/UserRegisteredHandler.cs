using Dexel.EventBus.Consumers;
using Dexel.EventBus.IntegrationEvents;
using Dexel.Playlist.Infrastructure;
using Dexel.Playlist.Model;

namespace Dexel.Playlist.IntegrationEvents;

/// <summary>Keeps the names shown in follower lists.</summary>
public sealed class UserRegisteredHandler(PlaylistDbContext db) : IIntegrationEventHandler<UserRegistered>
{
    public async Task HandleAsync(UserRegistered @event, CancellationToken cancellationToken)
    {
        var user = await db.Users.FindAsync([@event.UserId], cancellationToken);
        if (user is null) db.Users.Add(new UserProfile { Id = @event.UserId, DisplayName = @event.DisplayName });
        else user.DisplayName = @event.DisplayName;
    }
}
