using Dexel.EventBus.Outbox;
using Dexel.Streaming.Model;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Streaming.Infrastructure;

public sealed class StreamingDbContext(DbContextOptions<StreamingDbContext> options) : DbContext(options)
{
    public DbSet<Track> Tracks => Set<Track>();
    public DbSet<TranscodeJob> TranscodeJobs => Set<TranscodeJob>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StreamingDbContext).Assembly);
    }
}
