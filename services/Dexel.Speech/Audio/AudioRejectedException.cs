namespace Dexel.Speech.Audio;

public enum AudioProblem
{
    Empty,
    NotAudio,
    TooLong,
    NoSpeech,
}

/// <summary>Input the speech pipeline refuses; callers turn it into a 4xx, never a 500.</summary>
public sealed class AudioRejectedException(AudioProblem problem, string message) : Exception(message)
{
    public AudioProblem Problem { get; } = problem;
}
