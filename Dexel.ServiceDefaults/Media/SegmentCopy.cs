using System.IO.Pipelines;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Copies a stored object into a response in large reads. <see cref="Stream.CopyToAsync(PipeWriter, CancellationToken)"/>
/// reads one 4 KB pool block at a time and flushes after each, about forty socket writes for a
/// 160 KB segment; asking the writer for 64 KB lets one read and one write carry a sixteenth of that.
/// </summary>
public static class SegmentCopy
{
    private const int ChunkBytes = 64 * 1024;

    public static async Task CopyInLargeChunksAsync(this Stream source, PipeWriter destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await source.ReadAsync(destination.GetMemory(ChunkBytes), cancellationToken);
            if (read == 0) return;
            destination.Advance(read);
            if ((await destination.FlushAsync(cancellationToken)).IsCompleted) return;
        }
    }
}
