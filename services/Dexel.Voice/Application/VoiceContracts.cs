using Dexel.Voice.Model;

namespace Dexel.Voice.Application;

public sealed record TranscribeResponse(string Text, string Engine, double Confidence, bool Rejected, long DurationMs, TranscriptionTimings Timings);

/// <summary>delivery "url" answers with a short-lived signed URL instead of the audio itself.</summary>
public sealed record SpeakRequest(string? Text, string? Voice, string? Format, string? Delivery);

public sealed record SpokenAudioLink(string AudioUrl, DateTimeOffset ExpiresAt, string MediaType);

public sealed record StreamTicketResponse(string Ticket, DateTimeOffset ExpiresAt, string Protocol);
