using System.Buffers.Binary;
using System.Diagnostics;

namespace Dexel.Speech.Audio;

/// <summary>Output formats for synthesized speech: WAV in process, Ogg/Opus and MP3 through ffmpeg.</summary>
public sealed class AudioEncoder(string ffmpegPath = "ffmpeg")
{
    public static readonly IReadOnlyDictionary<string, string> MediaTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["wav"] = "audio/wav",
        ["ogg"] = "audio/ogg",
        ["mp3"] = "audio/mpeg",
    };

    public static byte[] ToWav(AudioClip clip)
    {
        var pcm = clip.ToPcm16();
        var bytes = new byte[44 + pcm.Length * 2];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], bytes.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], AudioClip.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], AudioClip.SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], pcm.Length * 2);
        for (var i = 0; i < pcm.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(span[(44 + 2 * i)..], pcm[i]);
        return bytes;
    }

    /// <summary>Encodes to "wav", "ogg" (Opus) or "mp3".</summary>
    public async Task<byte[]> EncodeAsync(AudioClip clip, string format, CancellationToken cancel)
    {
        var wav = ToWav(clip);
        string[] codec = format.ToLowerInvariant() switch
        {
            "wav" => [],
            "ogg" => ["-c:a", "libopus", "-b:a", "32k", "-f", "ogg"],
            "mp3" => ["-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"],
            _ => throw new ArgumentException($"Unknown audio format '{format}'.", nameof(format)),
        };
        if (codec.Length == 0) return wav;

        var start = new ProcessStartInfo(ffmpegPath) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "wav", "-i", "pipe:0" }.Concat(codec).Append("pipe:1"))
            start.ArgumentList.Add(arg);
        using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        try
        {
            var errors = ffmpeg.StandardError.ReadToEndAsync(cancel);
            var output = new MemoryStream();
            var copy = ffmpeg.StandardOutput.BaseStream.CopyToAsync(output, cancel);
            await ffmpeg.StandardInput.BaseStream.WriteAsync(wav, cancel);
            ffmpeg.StandardInput.Close();
            await copy;
            await ffmpeg.WaitForExitAsync(cancel);
            if (ffmpeg.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not encode {format}: {await errors}");
            return output.ToArray();
        }
        finally
        {
            if (!ffmpeg.HasExited) ffmpeg.Kill();
        }
    }
}
