using System.Text.Json.Serialization;

namespace Dexel.Voice.Application.Commands;

/// <summary>A typed command: the words, and what the client is playing so "this" has a meaning.</summary>
public sealed record CommandRequest(string? Text, CommandContext? Context);

/// <param name="SessionId">The client's conversation (a tab, a device), so follow-ups in one do not answer another's question.</param>
public sealed record CommandContext(NowPlaying? NowPlaying, IReadOnlyList<Guid>? Queue, string? SessionId = null)
{
    public const int MaxSessionIdLength = 64;
}

public sealed record NowPlaying(Guid TrackId, string? Title, string? Artist);

public sealed record CommandResponse(
    string Transcript, string? Intent, IReadOnlyDictionary<string, string> Slots, CommandOutcome Result,
    IReadOnlyList<Directive> Directives, SpokenReply Reply);

/// <summary>
/// What became of the command. Status: done, needs-confirmation, cancelled, empty (nothing to
/// play), not-understood, not-found, ambiguous, needs-context (nothing is playing, or nothing to
/// confirm or choose from), unavailable (a service could not be reached), not-allowed,
/// not-supported. Tracks: what a search or the listening history found.
/// </summary>
public sealed record CommandOutcome(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Choices = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? PlaylistId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? TrackId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TrackSummary>? Tracks = null);

/// <summary>An instruction for the client's player: play, pause, resume, next, previous, volume (0–100), seek (seconds).</summary>
public sealed record Directive(
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Value = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TrackSummary? Track = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StreamLinks? Stream = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TrackSummary>? Queue = null);

public sealed record TrackSummary(Guid Id, string Title, string Artist);

public sealed record StreamLinks(string Hls, string Dash);

public sealed record SpokenReply(string Text, string? AudioUrl);
