using Dexel.Playlist.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dexel.Playlist.Infrastructure.EntityConfigurations;

internal sealed class LikeConfiguration : IEntityTypeConfiguration<Like>
{
    public void Configure(EntityTypeBuilder<Like> like)
    {
        like.ToTable("likes");
        like.HasKey(l => new { l.UserId, l.TrackId });
        like.HasIndex(l => new { l.UserId, l.LikedAt });
    }
}

internal sealed class FollowConfiguration : IEntityTypeConfiguration<Follow>
{
    public void Configure(EntityTypeBuilder<Follow> follow)
    {
        follow.ToTable("follows");
        follow.HasKey(f => new { f.FollowerId, f.FolloweeId });
        // Followers of a user are read by followee.
        follow.HasIndex(f => new { f.FolloweeId, f.FollowedAt });
    }
}

internal sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> track)
    {
        track.ToTable("tracks");
        track.Property(t => t.Id).ValueGeneratedNever();
        track.Property(t => t.Title).HasMaxLength(200);
        track.Property(t => t.Artist).HasMaxLength(200);
        track.Property(t => t.Album).HasMaxLength(200);
        track.Property(t => t.Genre).HasMaxLength(100);
    }
}

internal sealed class UserProfileConfiguration : IEntityTypeConfiguration<UserProfile>
{
    public void Configure(EntityTypeBuilder<UserProfile> user)
    {
        user.ToTable("users");
        user.Property(u => u.Id).ValueGeneratedNever();
        user.Property(u => u.DisplayName).HasMaxLength(100);
    }
}
