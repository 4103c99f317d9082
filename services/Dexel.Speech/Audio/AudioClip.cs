namespace Dexel.Speech.Audio;

/// <summary>Mono audio at 16 kHz, samples in [-1, 1]: the one format every engine here consumes.</summary>
public sealed record AudioClip(float[] Samples)
{
    public const int SampleRate = 16_000;

    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / (double)SampleRate);

    public static AudioClip FromPcm16(ReadOnlySpan<byte> littleEndianPcm)
    {
        var samples = new float[littleEndianPcm.Length / 2];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (short)(littleEndianPcm[2 * i] | littleEndianPcm[2 * i + 1] << 8) / 32768f;
        return new AudioClip(samples);
    }

    public short[] ToPcm16()
    {
        var pcm = new short[Samples.Length];
        for (var i = 0; i < pcm.Length; i++) pcm[i] = (short)Math.Clamp(Samples[i] * 32768f, short.MinValue, short.MaxValue);
        return pcm;
    }

    public AudioClip Slice(int start, int length) => new(Samples.AsSpan(start, length).ToArray());

    /// <summary>Root mean square level in dBFS; silence reads about -90.</summary>
    public double LevelDb()
    {
        if (Samples.Length == 0) return -90;
        double sum = 0;
        foreach (var s in Samples) sum += s * s;
        return Math.Max(-90, 10 * Math.Log10(sum / Samples.Length + 1e-12));
    }
}
