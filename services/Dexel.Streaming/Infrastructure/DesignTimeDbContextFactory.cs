using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dexel.Streaming.Infrastructure;

// Lets 'dotnet ef migrations add' build the model without starting the service.
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StreamingDbContext>
{
    public StreamingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StreamingDbContext>()
            .UseNpgsql("Host=localhost;Database=catalogdb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
