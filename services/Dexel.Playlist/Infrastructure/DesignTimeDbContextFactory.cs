using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dexel.Playlist.Infrastructure;

// Lets 'dotnet ef migrations add' build the model without starting the service.
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PlaylistDbContext>
{
    public PlaylistDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PlaylistDbContext>()
            .UseNpgsql("Host=localhost;Database=playlistdb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
