using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dexel.Clients;

public static class PostgresExtensions
{
    /// <summary>
    /// The service's own database through Aspire's Npgsql EF Core integration (pooled context,
    /// retries, health check, tracing and metrics; settings under
    /// Aspire:Npgsql:EntityFrameworkCore:PostgreSQL), with snake_case names, options that need
    /// the service provider (the outbox signal), and migrations applied at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<IServiceProvider, DbContextOptionsBuilder>? configure = null) where TContext : DbContext
    {
        builder.AddNpgsqlDbContext<TContext>(connectionName,
            configureDbContextOptions: options => options.UseSnakeCaseNamingConvention());
        if (configure is not null) builder.Services.ConfigureDbContext<TContext>(configure);
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }
}

/// <summary>
/// Creates the database if needed and applies pending migrations before the service takes
/// traffic. Postgres serializes concurrent replicas through EF's migration lock.
/// </summary>
internal sealed class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        logger.LogInformation("Migrating database for {Context}", typeof(TContext).Name);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
