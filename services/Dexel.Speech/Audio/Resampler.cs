namespace Dexel.Speech.Audio;

/// <summary>
/// Sample-rate conversion for PCM already in memory (WAV uploads, TTS voices, stream frames),
/// by windowed-sinc interpolation with the cut-off at the lower Nyquist frequency, so
/// downsampling does not fold high frequencies into the speech band.
/// </summary>
public static class Resampler
{
    private const int HalfWidth = 16;

    public static float[] ToSpeechRate(float[] input, int fromRate) =>
        fromRate == AudioClip.SampleRate ? input : Resample(input, fromRate, AudioClip.SampleRate);

    public static float[] Resample(float[] input, int fromRate, int toRate)
    {
        if (fromRate == toRate || input.Length == 0) return input;
        var ratio = (double)toRate / fromRate;
        var cutoff = Math.Min(1.0, ratio);
        var output = new float[(int)Math.Floor(input.Length * ratio)];
        for (var i = 0; i < output.Length; i++)
        {
            var center = i / ratio;
            var first = (int)Math.Ceiling(center - HalfWidth / cutoff);
            var last = (int)Math.Floor(center + HalfWidth / cutoff);
            double sum = 0;
            for (var j = Math.Max(0, first); j <= Math.Min(input.Length - 1, last); j++)
            {
                var x = (j - center) * cutoff;
                var window = 0.5 + 0.5 * Math.Cos(Math.PI * x / HalfWidth);
                sum += input[j] * cutoff * Sinc(x) * window;
            }
            output[i] = (float)sum;
        }
        return output;
    }

    private static double Sinc(double x) => Math.Abs(x) < 1e-9 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
}
