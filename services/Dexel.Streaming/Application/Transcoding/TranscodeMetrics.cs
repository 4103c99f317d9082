using System.Diagnostics.Metrics;

namespace Dexel.Streaming.Application.Transcoding;

/// <summary>What operators watch on the transcoding queue: how fast encodes run and how jobs end.</summary>
public sealed class TranscodeMetrics
{
    private readonly Histogram<double> _encodeSeconds;
    private readonly Histogram<double> _speed;
    private readonly Counter<long> _outcomes;

    // Prometheus names them after the meter and the instrument: dexel_streaming_transcode_*.

    public TranscodeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DexelTelemetry.SourceName);
        _encodeSeconds = meter.CreateHistogram<double>("streaming.transcode.duration", "s", "ffmpeg time to encode one track into every rendition");
        _speed = meter.CreateHistogram<double>("streaming.transcode.speed", unit: null, description: "Audio length divided by encode time");
        _outcomes = meter.CreateCounter<long>("streaming.transcode.attempts", unit: null, description: "Transcode attempts by outcome: ready, rejected, retry, abandoned");
    }

    public void Encoded(TimeSpan audio, TimeSpan elapsed)
    {
        _encodeSeconds.Record(elapsed.TotalSeconds);
        if (elapsed > TimeSpan.Zero) _speed.Record(audio / elapsed);
    }

    public void Ended(string outcome) => _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
