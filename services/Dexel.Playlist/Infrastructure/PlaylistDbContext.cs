using Dexel.EventBus.Outbox;
using Dexel.Playlist.Model;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Playlist.Infrastructure;

public sealed class PlaylistDbContext(DbContextOptions<PlaylistDbContext> options) : DbContext(options)
{
    public DbSet<Model.Playlist> Playlists => Set<Model.Playlist>();
    public DbSet<PlaylistEntry> Entries => Set<PlaylistEntry>();
    public DbSet<ShareLink> ShareLinks => Set<ShareLink>();
    public DbSet<CreationKey> CreationKeys => Set<CreationKey>();
    public DbSet<Like> Likes => Set<Like>();
    public DbSet<Follow> Follows => Set<Follow>();
    public DbSet<Track> Tracks => Set<Track>();
    public DbSet<UserProfile> Users => Set<UserProfile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PlaylistDbContext).Assembly);
    }
}
