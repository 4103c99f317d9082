using System.Collections.Concurrent;
using System.Globalization;
using Dexel.Voice.Model;
using Microsoft.Extensions.Options;

namespace Dexel.Voice.Application.Streaming;

/// <summary>
/// Browsers cannot put an Authorization header on a WebSocket, and a token in the query string
/// ends up in logs. So an authenticated call gets a ticket (signed, 30 s, single use) that the
/// socket presents as a Sec-WebSocket-Protocol value "ticket.&lt;ticket&gt;".
/// </summary>
public sealed class StreamTickets(Signer signer, TimeProvider time, IOptions<VoiceOptions> options)
{
    public const string Protocol = "dexel.voice.v1";
    public const string ProtocolPrefix = "ticket.";
    private readonly ConcurrentDictionary<string, long> _used = new();

    public (string Ticket, DateTimeOffset ExpiresAt) Issue(Guid userId)
    {
        var expiresAt = time.GetUtcNow() + options.Value.TicketLifetime;
        var payload = $"{userId:N}.{expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}";
        return ($"{payload}.{signer.Sign(payload)}", expiresAt);
    }

    /// <summary>The ticket's user, once: a valid ticket is spent by the first socket that shows it.</summary>
    public Guid? Redeem(string ticket)
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
        return userId;
    }
}
