using System.Buffers.Binary;

namespace Dexel.Streaming.Application.Transcoding;

/// <summary>
/// ffmpeg quietly plays a cut-off WAV as a shorter one, so a RIFF file's own claim of its data
/// size is checked against what the file holds.
/// </summary>
public static class WaveHeader
{
    /// <returns>A reason when the header promises more audio bytes than the file has; otherwise null.</returns>
    public static string? FindTruncation(ReadOnlySpan<byte> head, long fileLength)
    {
        if (head.Length < 12 || !head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8)) return null;
        var offset = 12;
        while (offset + 8 <= head.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(head[(offset + 4)..]);
            if (head.Slice(offset, 4).SequenceEqual("data"u8))
            {
                // 0 and 0xFFFFFFFF mark a WAV written as a stream, whose size was never filled in.
                if (size is 0 or uint.MaxValue) return null;
                var available = fileLength - offset - 8;
                return available < size
                    ? $"The WAV file is truncated: its header declares {size} bytes of audio but the file holds {Math.Max(0, available)}."
                    : null;
            }
            offset += 8 + (int)Math.Min(size + (size & 1), int.MaxValue - offset - 8);
        }
        return null;
    }
}
