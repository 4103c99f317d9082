using System.Collections.Concurrent;
using System.Globalization;
using Dexel.Voice.Model;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dexel.Voice.Application.Streaming;

/// <summary>
/// Browsers cannot put an Authorization header on a WebSocket, and a token in the query string
/// ends up in logs. So an authenticated call gets a ticket (signed, 30 s, single use) that the
/// socket presents as a Sec-WebSocket-Protocol value "ticket.&lt;ticket&gt;". The caller's token
/// waits in Redis under the ticket for as long, so the socket's commands act as the caller; it
/// is taken (deleted) when the ticket is redeemed. Without Redis the socket still transcribes.
/// </summary>
public sealed class StreamTickets(Signer signer, TimeProvider time, IOptions<VoiceOptions> options, IConnectionMultiplexer redis, ILogger<StreamTickets> logger)
{
    public const string Protocol = "dexel.voice.v1";
    public const string ProtocolPrefix = "ticket.";
    private readonly ConcurrentDictionary<string, long> _used = new();

    public async Task<(string Ticket, DateTimeOffset ExpiresAt)> IssueAsync(Guid userId, string? accessToken)
    {
        var expiresAt = time.GetUtcNow() + options.Value.TicketLifetime;
        var nonce = Guid.NewGuid().ToString("N");
        var payload = $"{userId:N}.{expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{nonce}";
        if (accessToken is not null)
        {
            try { await redis.GetDatabase().StringSetAsync(TokenKey(nonce), accessToken, options.Value.TicketLifetime); }
            catch (RedisException ex) { logger.LogWarning("A stream ticket was issued without its token ({Error}): it will transcribe only", ex.Message); }
        }
        return ($"{payload}.{signer.Sign(payload)}", expiresAt);
    }

    /// <summary>The ticket's user and token, once: a valid ticket is spent by the first socket that shows it.</summary>
    public async Task<(Guid UserId, string? AccessToken)?> RedeemAsync(string ticket)
    {
        if (Verify(ticket) is not var (userId, nonce)) return null;
        try { return (userId, (string?)await redis.GetDatabase().StringGetDeleteAsync(TokenKey(nonce))); }
        catch (RedisException) { return (userId, null); }
    }

    private static string TokenKey(string nonce) => $"voice:ticket:{nonce}";

    private (Guid UserId, string Nonce)? Verify(string ticket)
    {
        var parts = ticket.Split('.');
        if (parts.Length != 4) return null;
        var payload = string.Join('.', parts[..3]);
        if (!signer.Verify(payload, parts[3])) return null;
        if (!Guid.TryParseExact(parts[0], "N", out var userId)) return null;
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)) return null;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (now >= expiry || !_used.TryAdd(parts[2], expiry)) return null;
        foreach (var (nonce, until) in _used)
            if (until <= now) _used.TryRemove(nonce, out _);
        return (userId, parts[2]);
    }
}
