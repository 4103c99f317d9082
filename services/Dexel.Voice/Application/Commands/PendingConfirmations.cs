using System.Text.Json;
using StackExchange.Redis;

namespace Dexel.Voice.Application.Commands;

/// <summary>An action waiting for the user's "yes": what it is and what it acts on.</summary>
public sealed record PendingAction(string Intent, Guid TargetId, string TargetName);

/// <summary>
/// The one action per user that waits for a "yes" or "no", kept in Redis for a minute so the
/// answer may reach any replica. Taking it removes it: a second "yes" confirms nothing.
/// </summary>
public sealed class PendingConfirmations(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public Task AskAsync(Guid userId, PendingAction action) =>
        redis.GetDatabase().StringSetAsync(Key(userId), JsonSerializer.Serialize(action), Lifetime);

    public async Task<PendingAction?> TakeAsync(Guid userId)
    {
        var value = await redis.GetDatabase().StringGetDeleteAsync(Key(userId));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<PendingAction>(value.ToString());
    }

    private static string Key(Guid userId) => $"voice:pending:{userId:N}";
}
