using System.Diagnostics;
using Dexel.Streaming.Infrastructure;
using Dexel.Streaming.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dexel.Streaming.Application.Transcoding;

/// <param name="Parent">The upload's trace context; default when the job was queued without one.</param>
public sealed record ClaimedJob(Guid TrackId, int Attempt, ActivityContext Parent);

/// <summary>
/// The transcode_jobs table as a work queue: replicas claim rows with FOR UPDATE SKIP LOCKED
/// and hold them by a renewable lease, so a job whose worker died is claimed again later.
/// </summary>
public sealed class JobQueue(IServiceScopeFactory scopes, IOptions<TranscodingOptions> options)
{
    /// <summary>Identifies this process's claims.</summary>
    public string WorkerId { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    public async Task<ClaimedJob?> ClaimAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE transcode_jobs AS j
            SET status = 'running', attempts = j.attempts + 1, locked_by = @worker,
                locked_until = now() + make_interval(secs => @lease), updated_at = now()
            WHERE j.track_id = (
                SELECT track_id FROM transcode_jobs
                WHERE (status = 'pending' AND next_attempt_at <= now())
                   OR (status = 'running' AND locked_until < now())
                ORDER BY next_attempt_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING j.track_id, j.attempts, j.trace_parent, j.trace_state
            """;
        return await ExecuteAsync(sql, command =>
        {
            command.Parameters.AddWithValue("worker", WorkerId);
            command.Parameters.AddWithValue("lease", (double)options.Value.LeaseSeconds);
        }, async reader => await reader.ReadAsync(cancellationToken)
            ? new ClaimedJob(reader.GetGuid(0), reader.GetInt32(1), ParentOf(reader))
            : null, cancellationToken);
    }

    private static ActivityContext ParentOf(NpgsqlDataReader reader) =>
        !reader.IsDBNull(2) && ActivityContext.TryParse(reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), out var parent)
            ? parent
            : default;

    /// <returns>False when the lease was lost (another worker took the job over).</returns>
    public async Task<bool> RenewAsync(Guid trackId, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE transcode_jobs SET locked_until = now() + make_interval(secs => @lease), updated_at = now()
            WHERE track_id = @id AND locked_by = @worker AND status = 'running'
            """;
        return await ExecuteAsync(sql, command =>
        {
            command.Parameters.AddWithValue("id", trackId);
            command.Parameters.AddWithValue("worker", WorkerId);
            command.Parameters.AddWithValue("lease", (double)options.Value.LeaseSeconds);
        }, reader => Task.FromResult(reader.RecordsAffected == 1), cancellationToken);
    }

    /// <summary>Schedules another attempt after an exponential backoff.</summary>
    public async Task RetryLaterAsync(Guid trackId, int attempt, string error, CancellationToken cancellationToken)
    {
        var delay = options.Value.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempt - 1));
        await UpdateOwnedAsync(trackId, "status = 'pending', next_attempt_at = now() + make_interval(secs => @delay), last_error = @error",
            command =>
            {
                command.Parameters.AddWithValue("delay", delay);
                command.Parameters.AddWithValue("error", Truncate(error));
            }, cancellationToken);
    }

    /// <summary>Hands the job back at once without counting the attempt (a graceful shutdown).</summary>
    public Task ReleaseAsync(Guid trackId, CancellationToken cancellationToken) =>
        UpdateOwnedAsync(trackId, "status = 'pending', attempts = greatest(attempts - 1, 0), next_attempt_at = now()", _ => { }, cancellationToken);

    private async Task UpdateOwnedAsync(Guid trackId, string assignments, Action<NpgsqlCommand> parameters, CancellationToken cancellationToken)
    {
        var sql = $"UPDATE transcode_jobs SET {assignments}, locked_by = NULL, locked_until = NULL, updated_at = now() WHERE track_id = @id AND locked_by = @worker";
        await ExecuteAsync(sql, command =>
        {
            command.Parameters.AddWithValue("id", trackId);
            command.Parameters.AddWithValue("worker", WorkerId);
            parameters(command);
        }, _ => Task.FromResult(0), cancellationToken);
    }

    private async Task<T> ExecuteAsync<T>(string sql, Action<NpgsqlCommand> parameters, Func<NpgsqlDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StreamingDbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            parameters(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await read(reader);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    internal static string Truncate(string text) => text.Length > 1000 ? text[..1000] : text;
}
