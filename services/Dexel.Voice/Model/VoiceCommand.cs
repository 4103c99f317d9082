namespace Dexel.Voice.Model;

/// <summary>One command as the user gave it and what came of it, kept so they can look back (and forget).</summary>
public sealed class VoiceCommand
{
    public const int MaxTranscriptLength = 500;

    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public required string Transcript { get; init; }
    public string? Intent { get; init; }
    public Dictionary<string, string> Slots { get; init; } = [];
    public required string Outcome { get; init; }
    public required string Reply { get; init; }
    public int TranscribeMs { get; init; }
    public int ActMs { get; init; }
    public int SpeakMs { get; init; }
}
