using Dexel.EventBus.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Voice.Infrastructure;

public sealed class VoiceDbContext(DbContextOptions<VoiceDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddEventBusTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VoiceDbContext).Assembly);
    }
}
