using Dexel.EventBus.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Playlist.Infrastructure;

public sealed class PlaylistDbContext(DbContextOptions<PlaylistDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PlaylistDbContext).Assembly);
    }
}
