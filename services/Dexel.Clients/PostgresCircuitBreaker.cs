using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dexel.Clients;

/// <summary>
/// Fails database work at once while Postgres is known to be unreachable: after a connection
/// or command fails for a transient reason (refused, reset, timed out), every connection
/// attempt for <see cref="OpenFor"/> throws <see cref="PostgresUnavailableException"/>, which
/// the problem details map to 503. The first attempt after that probes Postgres again.
/// </summary>
public sealed class PostgresCircuitBreaker(TimeProvider clock, ILogger<PostgresCircuitBreaker> logger)
    : IDbConnectionInterceptor, IDbCommandInterceptor
{
    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(2);
    private long _openUntilTicks;

    public bool IsOpen => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _openUntilTicks);

    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        IsOpen ? throw new PostgresUnavailableException() : result;

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        IsOpen ? throw new PostgresUnavailableException() : ValueTask.FromResult(result);

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Trip(eventData.Exception);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Trip(eventData.Exception);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Trip(eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Trip(eventData.Exception);
        return Task.CompletedTask;
    }

    private void Trip(Exception exception)
    {
        if (!MeansUnreachable(exception)) return;
        var wasOpen = IsOpen;
        Interlocked.Exchange(ref _openUntilTicks, (clock.GetUtcNow() + OpenFor).UtcTicks);
        if (wasOpen) return;
        // Pooled connections to a server that went away are dead; dropping them now means the first
        // request after Postgres returns opens a fresh one instead of tripping the breaker again.
        NpgsqlConnection.ClearAllPools();
        logger.LogWarning(exception, "Postgres unreachable; failing database work fast for {Seconds} s", OpenFor.TotalSeconds);
    }

    /// <summary>Connection-class errors and shutdowns, not a deadlock or serialization failure (also transient, but Postgres is there).</summary>
    private static bool MeansUnreachable(Exception exception) => exception switch
    {
        PostgresUnavailableException => false,
        PostgresException postgres => postgres.SqlState.StartsWith("08") || postgres.SqlState.StartsWith("57P0"),
        NpgsqlException { IsTransient: true } => true,
        _ => false,
    };
}

/// <summary>Thrown instead of waiting on a Postgres that just failed; transient, so a client may retry later.</summary>
public sealed class PostgresUnavailableException() : NpgsqlException("Postgres is unavailable; not trying again for a moment.")
{
    public override bool IsTransient => true;
}
