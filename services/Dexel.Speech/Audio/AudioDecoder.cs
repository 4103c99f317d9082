using System.Buffers.Binary;
using System.Diagnostics;

namespace Dexel.Speech.Audio;

/// <summary>
/// Turns uploaded bytes into a 16 kHz mono clip: 16-bit PCM WAV (any rate, mono or stereo) in
/// process, anything else through ffmpeg. Refuses empty input, non-audio and clips over the limit.
/// </summary>
public sealed class AudioDecoder(string ffmpegPath = "ffmpeg")
{
    public static readonly TimeSpan DefaultMaxDuration = TimeSpan.FromSeconds(15);

    public async Task<AudioClip> DecodeAsync(ReadOnlyMemory<byte> data, TimeSpan maxDuration, CancellationToken cancel)
    {
        if (data.Length == 0) throw new AudioRejectedException(AudioProblem.Empty, "The request carried no audio.");
        var clip = TryReadPcmWav(data.Span, out var wav) ? wav : await DecodeWithFfmpegAsync(data, maxDuration, cancel);
        if (clip.Samples.Length == 0) throw new AudioRejectedException(AudioProblem.Empty, "The audio contains no samples.");
        if (clip.Duration > maxDuration)
            throw new AudioRejectedException(AudioProblem.TooLong, $"The audio is longer than {maxDuration.TotalSeconds:0} seconds.");
        return clip;
    }

    /// <summary>Reads RIFF/WAVE with 16-bit PCM; false for any other layout (ffmpeg decides those).</summary>
    public static bool TryReadPcmWav(ReadOnlySpan<byte> data, out AudioClip clip)
    {
        clip = null!;
        if (data.Length < 12 || !data[..4].SequenceEqual("RIFF"u8) || !data[8..12].SequenceEqual("WAVE"u8)) return false;
        int channels = 0, rate = 0, bits = 0, position = 12;
        while (position + 8 <= data.Length)
        {
            var id = data.Slice(position, 4);
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(position + 4, 4)), int.MaxValue);
            var body = data[(position + 8)..];
            if (id.SequenceEqual("fmt "u8) && body.Length >= 16)
            {
                var format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                // 1 = PCM; 0xFFFE = extensible, whose sub-format GUID starts with the same code.
                if (format == 0xFFFE && body.Length >= 26) format = BinaryPrimitives.ReadUInt16LittleEndian(body[24..]);
                if (format != 1) return false;
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (bits != 16 || channels is < 1 or > 2 || rate is < 4_000 or > 192_000) return false;
                var pcm = body[..Math.Min(size, body.Length)];
                clip = new AudioClip(Resampler.ToSpeechRate(Downmix(pcm, channels), rate));
                return true;
            }
            position += 8 + size + (size & 1);
        }
        return false;
    }

    private static float[] Downmix(ReadOnlySpan<byte> pcm, int channels)
    {
        var frames = pcm.Length / (2 * channels);
        var samples = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            float sum = 0;
            for (var c = 0; c < channels; c++) sum += BinaryPrimitives.ReadInt16LittleEndian(pcm[((i * channels + c) * 2)..]);
            samples[i] = sum / channels / 32768f;
        }
        return samples;
    }

    private async Task<AudioClip> DecodeWithFfmpegAsync(ReadOnlyMemory<byte> data, TimeSpan maxDuration, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(ffmpegPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-hide_banner", "-nostdin", "-loglevel", "error", "-i", "pipe:0", "-vn", "-f", "s16le", "-ac", "1", "-ar", "16000", "pipe:1" })
            start.ArgumentList.Add(arg);
        using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            var errors = ffmpeg.StandardError.ReadToEndAsync(timeout.Token);
            var feed = FeedAsync(ffmpeg, data, timeout.Token);
            // One sample past the limit is enough to know the clip is too long.
            var limit = (int)(maxDuration.TotalSeconds * AudioClip.SampleRate * 2) + 2;
            var pcm = await ReadUpToAsync(ffmpeg.StandardOutput.BaseStream, limit, timeout.Token);
            if (pcm.Length >= limit)
                throw new AudioRejectedException(AudioProblem.TooLong, $"The audio is longer than {maxDuration.TotalSeconds:0} seconds.");
            await feed;
            await ffmpeg.WaitForExitAsync(timeout.Token);
            if (ffmpeg.ExitCode != 0 || pcm.Length == 0)
                throw new AudioRejectedException(AudioProblem.NotAudio, $"The body is not audio that can be decoded ({FirstLine(await errors)}).");
            return AudioClip.FromPcm16(pcm);
        }
        finally
        {
            if (!ffmpeg.HasExited) ffmpeg.Kill();
        }
    }

    private static async Task FeedAsync(Process ffmpeg, ReadOnlyMemory<byte> data, CancellationToken cancel)
    {
        try
        {
            await ffmpeg.StandardInput.BaseStream.WriteAsync(data, cancel);
            ffmpeg.StandardInput.Close();
        }
        catch (IOException)
        {
            // ffmpeg stops reading once it knows the input is not audio; its exit code says so.
        }
    }

    private static async Task<byte[]> ReadUpToAsync(Stream stream, int limit, CancellationToken cancel)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk, cancel)) > 0) buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no detail";
}
