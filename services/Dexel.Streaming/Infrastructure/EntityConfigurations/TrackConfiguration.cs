using Dexel.Streaming.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dexel.Streaming.Infrastructure.EntityConfigurations;

internal sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> track)
    {
        track.ToTable("tracks");
        track.Property(t => t.Title).HasMaxLength(TrackLimits.Title);
        track.Property(t => t.Artist).HasMaxLength(TrackLimits.Artist);
        track.Property(t => t.Album).HasMaxLength(TrackLimits.Album);
        track.Property(t => t.Genre).HasMaxLength(TrackLimits.Genre);
        track.Property(t => t.Status).HasMaxLength(20);
        track.Property(t => t.Error).HasMaxLength(1000);
        track.Property(t => t.OriginalFileName).HasMaxLength(255);
        track.HasIndex(t => t.OwnerId);
        track.HasIndex(t => new { t.Status, t.CreatedAt });
    }
}

internal sealed class TranscodeJobConfiguration : IEntityTypeConfiguration<TranscodeJob>
{
    public void Configure(EntityTypeBuilder<TranscodeJob> job)
    {
        job.ToTable("transcode_jobs");
        job.HasKey(j => j.TrackId);
        job.Property(j => j.Status).HasMaxLength(20);
        job.Property(j => j.LockedBy).HasMaxLength(100);
        job.Property(j => j.LastError).HasMaxLength(1000);
        job.Property(j => j.TraceParent).HasMaxLength(100);
        job.Property(j => j.TraceState).HasMaxLength(500);
        job.HasOne<Track>().WithOne().HasForeignKey<TranscodeJob>(j => j.TrackId).OnDelete(DeleteBehavior.Cascade);
        // The poller looks only at claimable jobs.
        job.HasIndex(j => j.NextAttemptAt).HasFilter("status IN ('pending', 'running')").HasDatabaseName("ix_transcode_jobs_claimable");
    }
}
