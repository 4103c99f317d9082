using Dexel.EventBus.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Streaming.Infrastructure;

public sealed class StreamingDbContext(DbContextOptions<StreamingDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StreamingDbContext).Assembly);
    }
}
