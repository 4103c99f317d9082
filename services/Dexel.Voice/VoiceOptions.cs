namespace Dexel.Voice;

/// <summary>The "Voice" configuration section.</summary>
public sealed class VoiceOptions
{
    /// <summary>Engine for transcription when a request names none: "grammar" or "whisper".</summary>
    public string Asr { get; set; } = "grammar";
    /// <summary>Folder with silero_vad.onnx (and the Whisper model unless WhisperModelPath is set).
    /// Empty: the nearest ".local/speech" above the application (eng/voice/models.sh fills it).</summary>
    public string? ModelDirectory { get; set; }
    /// <summary>A ggml Whisper model; without one the whisper engine is not offered.</summary>
    public string? WhisperModelPath { get; set; }
    public int WhisperMaxTokens { get; set; } = 32;
    public string PocketSphinxModel { get; set; } = "/usr/share/pocketsphinx/model/en-us";
    public int GrammarDecoders { get; set; } = Math.Max(2, Environment.ProcessorCount);
    public string DefaultVoice { get; set; } = "slt";
    public TimeSpan MaxAudio { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>A stream with no frame for this long is closed.</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan ReplyAudioLifetime { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>HMAC key for stream tickets and reply-audio URLs (at least 32 characters); every replica must share it.</summary>
    public string? SigningKey { get; set; }
}
