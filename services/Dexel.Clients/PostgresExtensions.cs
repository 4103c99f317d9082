using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dexel.Clients;

public static class PostgresExtensions
{
    /// <summary>
    /// Registers the service's own database the way Aspire's Npgsql EF Core integration does
    /// (pooled context, retry on transient failures, health check), and migrates it at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<IServiceProvider, DbContextOptionsBuilder>? configure = null) where TContext : DbContext
    {
        var connectionString = ConnectionStrings.Require(builder.Configuration, connectionName);

        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure())
                .UseSnakeCaseNamingConvention();
            configure?.Invoke(services, options);
        });

        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(connectionName);
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
