using Dexel.Playlist.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dexel.Playlist.Infrastructure.EntityConfigurations;

internal sealed class PlaylistConfiguration : IEntityTypeConfiguration<Model.Playlist>
{
    public void Configure(EntityTypeBuilder<Model.Playlist> playlist)
    {
        playlist.ToTable("playlists");
        playlist.Property(p => p.Id).ValueGeneratedNever();
        playlist.Property(p => p.Name).HasMaxLength(Model.Playlist.MaxNameLength);
        playlist.Property(p => p.Description).HasMaxLength(Model.Playlist.MaxDescriptionLength);
        // Every change bumps Version; a save based on an older one matches no row and fails.
        playlist.Property(p => p.Version).IsConcurrencyToken();
        playlist.HasIndex(p => new { p.OwnerId, p.CreatedAt });
        playlist.HasMany(p => p.Entries).WithOne().HasForeignKey(e => e.PlaylistId).OnDelete(DeleteBehavior.Cascade);
        playlist.Navigation(p => p.Entries).UsePropertyAccessMode(PropertyAccessMode.Property);
    }
}

internal sealed class PlaylistEntryConfiguration : IEntityTypeConfiguration<PlaylistEntry>
{
    public void Configure(EntityTypeBuilder<PlaylistEntry> entry)
    {
        entry.ToTable("playlist_entries");
        // Ids are made by the aggregate; without this EF would take an entry added through the
        // playlist's collection for an existing row and update instead of insert.
        entry.Property(e => e.Id).ValueGeneratedNever();
        // The playlist's row lock and version keep positions a clean 0..n-1. The database backs
        // that up: migration PositionsUniquePerPlaylist turns this index into a unique constraint
        // checked at commit, because a shift moves positions row by row through duplicates.
        entry.HasIndex(e => new { e.PlaylistId, e.Position });
    }
}

internal sealed class ShareLinkConfiguration : IEntityTypeConfiguration<ShareLink>
{
    public void Configure(EntityTypeBuilder<ShareLink> link)
    {
        link.ToTable("share_links");
        link.Property(l => l.Id).ValueGeneratedNever();
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasOne<Model.Playlist>().WithMany().HasForeignKey(l => l.PlaylistId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CreationKeyConfiguration : IEntityTypeConfiguration<CreationKey>
{
    public void Configure(EntityTypeBuilder<CreationKey> key)
    {
        key.ToTable("playlist_creation_keys");
        // Keys are the client's, so they are unique per owner only; the primary key also settles
        // two simultaneous creates with one key: the second waits for the first and then fails.
        key.HasKey(k => new { k.OwnerId, k.Key });
        key.Property(k => k.Key).HasMaxLength(CreationKey.MaxLength);
        key.HasOne<Model.Playlist>().WithMany().HasForeignKey(k => k.PlaylistId).OnDelete(DeleteBehavior.Cascade);
    }
}
