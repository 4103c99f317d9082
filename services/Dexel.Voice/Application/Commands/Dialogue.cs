using System.Text.Json;
using Dexel.Voice.Application.Understanding;
using StackExchange.Redis;

namespace Dexel.Voice.Application.Commands;

/// <summary>An action waiting for the user's "yes": what it is and what it acts on.</summary>
public sealed record PendingAction(string Intent, Guid TargetId, string TargetName);

/// <summary>
/// Names the user may pick from next ("the second one", "no, the other one"): the candidates of
/// an ambiguity question, or the match and its runner-up (Taken: the one acted on).
/// </summary>
public sealed record OpenChoice(string Intent, IReadOnlyDictionary<string, string> Slots, string Slot, IReadOnlyList<NameCandidate> Candidates, int? Taken);

/// <summary>What the last commands of a session left for the next one to refer to.</summary>
public sealed record DialogueState(OpenChoice? Choice = null, TrackSummary? LastTrack = null);

/// <summary>
/// A short dialogue state per user and client session, in Redis so a follow-up may reach any
/// replica. It is a convenience: without Redis each command stands alone.
/// </summary>
public sealed class DialogueStore(IConnectionMultiplexer redis, ILogger<DialogueStore> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>A confirmation question is answered within this, or not at all.</summary>
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromMinutes(1);

    public async Task<DialogueState> LoadAsync(Guid userId, string? session)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(Key(userId, session));
            return value.IsNullOrEmpty ? new DialogueState() : JsonSerializer.Deserialize<DialogueState>(value.ToString()) ?? new DialogueState();
        }
        catch (Exception ex) when (ex is RedisException or JsonException)
        {
            logger.LogWarning("Dialogue state unavailable ({Error}); the command stands alone", ex.Message);
            return new DialogueState();
        }
    }

    public async Task SaveAsync(Guid userId, string? session, DialogueState state)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(userId, session), JsonSerializer.Serialize(state), Lifetime);
        }
        catch (RedisException ex)
        {
            logger.LogWarning("Dialogue state not kept ({Error})", ex.Message);
        }
    }

    /// <summary>Takes the pending action once: a second "yes", even a concurrent one, confirms nothing.</summary>
    public async Task<PendingAction?> TakePendingAsync(Guid userId, string? session)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetDeleteAsync(Key(userId, session) + ":pending");
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<PendingAction>(value.ToString());
        }
        catch (RedisException ex)
        {
            throw new ServiceUnavailableException("dialogue", ex);
        }
    }

    /// <exception cref="ServiceUnavailableException">Redis is down: nothing is asked, so nothing will be done.</exception>
    public async Task AskAsync(Guid userId, string? session, PendingAction action)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(userId, session) + ":pending", JsonSerializer.Serialize(action), ConfirmationLifetime);
        }
        catch (RedisException ex)
        {
            throw new ServiceUnavailableException("dialogue", ex);
        }
    }

    private static string Key(Guid userId, string? session) => $"voice:dialogue:{userId:N}:{session ?? "-"}";
}
