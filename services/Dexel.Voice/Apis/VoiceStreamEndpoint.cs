using System.Net.WebSockets;
using Dexel.Voice.Application;
using Dexel.Voice.Application.Streaming;

namespace Dexel.Voice.Apis;

/// <summary>
/// GET /api/v1/voice/stream: a WebSocket authenticated by a stream ticket offered as the
/// subprotocol "ticket.&lt;ticket&gt;" next to "dexel.voice.v1". Refusals happen before the
/// upgrade, as plain HTTP problems.
/// </summary>
public static class VoiceStreamEndpoint
{
    public static async Task<IResult> AcceptAsync(HttpContext http, StreamTickets tickets, VoiceStreamSessionFactory sessions)
    {
        if (!http.WebSockets.IsWebSocketRequest)
            return TypedResults.Problem(detail: "This endpoint speaks WebSocket only.", statusCode: StatusCodes.Status400BadRequest);

        var offered = http.WebSockets.WebSocketRequestedProtocols;
        var ticket = offered.FirstOrDefault(p => p.StartsWith(StreamTickets.ProtocolPrefix, StringComparison.Ordinal));
        if (ticket is null || !offered.Contains(StreamTickets.Protocol))
            return TypedResults.Problem(
                detail: $"Offer the subprotocols '{StreamTickets.Protocol}' and '{StreamTickets.ProtocolPrefix}<ticket>' (POST /api/v1/voice/stream/tickets).",
                statusCode: StatusCodes.Status401Unauthorized);
        if (await tickets.RedeemAsync(ticket[StreamTickets.ProtocolPrefix.Length..]) is not var (userId, accessToken))
            return TypedResults.Problem(detail: "The stream ticket is invalid, expired or already used.", statusCode: StatusCodes.Status401Unauthorized);

        using var socket = await http.WebSockets.AcceptWebSocketAsync(StreamTickets.Protocol);
        await sessions.Create(socket, userId, accessToken).RunAsync(http.RequestAborted);
        return TypedResults.Empty;
    }
}
