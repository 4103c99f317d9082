using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dexel.Clients;

public static class PostgresExtensions
{
    /// <summary>
    /// The service's own database through Aspire's Npgsql EF Core integration (pooled context,
    /// health check, tracing and metrics; settings under Aspire:Npgsql:EntityFrameworkCore:PostgreSQL),
    /// with snake_case names, options that need the service provider (the outbox signal), and
    /// migrations applied at start-up. It fails fast when Postgres is away: short timeouts, two
    /// quick retries instead of Aspire's six with up to 30 s between, and a circuit breaker.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<IServiceProvider, DbContextOptionsBuilder>? configure = null) where TContext : DbContext
    {
        builder.AddNpgsqlDbContext<TContext>(connectionName,
            configureSettings: settings => settings.ConnectionString = WithFailFastTimeouts(settings.ConnectionString),
            configureDbContextOptions: options => options
                .UseNpgsql(npgsql => npgsql.EnableRetryOnFailure(2, TimeSpan.FromMilliseconds(200), null).CommandTimeout(CommandTimeoutSeconds))
                .UseSnakeCaseNamingConvention());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<PostgresCircuitBreaker>();
        builder.Services.ConfigureDbContext<TContext>((services, options) => options.AddInterceptors(services.GetRequiredService<PostgresCircuitBreaker>()));
        if (configure is not null) builder.Services.ConfigureDbContext<TContext>(configure);
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        return builder;
    }

    // Npgsql waits 15 s to connect and 30 s for a command by default; a request would hang that long.
    private const int CommandTimeoutSeconds = 10;

    /// <summary>A connect timeout of 3 s unless the connection string says otherwise.</summary>
    private static string? WithFailFastTimeouts(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString)) return connectionString;
        // The plain builder knows only the keys the string gives (Npgsql's reports every keyword it supports).
        if (new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey("Timeout")) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3 }.ConnectionString;
    }
}

/// <summary>
/// Creates the database if needed and applies pending migrations before the service takes
/// traffic. Postgres serializes concurrent replicas through EF's migration lock. A Postgres that
/// is still starting or briefly swamped gets a minute (the fast-fail settings that serve
/// requests would otherwise end the service after two quick retries); anything else, or a
/// minute of failures, stops the start.
/// </summary>
internal sealed class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService where TContext : DbContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Migrating database for {Context}", typeof(TContext).Name);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TContext>().Database.MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (IsTransient(ex) && clock.Elapsed + Pause < Patience)
            {
                logger.LogWarning("Postgres is not reachable for the migrations yet ({Reason}); retrying", ex.Message);
                await Task.Delay(Pause, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // EF's retrying strategy wraps the last failure in its own exception once its retries are spent.
    private static bool IsTransient(Exception? exception) =>
        exception is NpgsqlException { IsTransient: true } || exception is not null && IsTransient(exception.InnerException);
}
