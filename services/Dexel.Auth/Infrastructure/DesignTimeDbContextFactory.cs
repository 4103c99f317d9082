using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dexel.Auth.Infrastructure;

// Lets 'dotnet ef migrations add' build the model without starting the service.
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AuthDbContext>
{
    public AuthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AuthDbContext>()
            .UseNpgsql("Host=localhost;Database=authdb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
