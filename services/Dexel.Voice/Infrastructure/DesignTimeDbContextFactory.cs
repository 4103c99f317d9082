using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dexel.Voice.Infrastructure;

// Lets 'dotnet ef migrations add' build the model without starting the service.
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<VoiceDbContext>
{
    public VoiceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<VoiceDbContext>()
            .UseNpgsql("Host=localhost;Database=voicedb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
