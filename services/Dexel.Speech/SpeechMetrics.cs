using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dexel.Speech;

/// <summary>
/// What every engine reports: how much audio it handled, how long that took and the ratio of the
/// two (real-time factor: under 1 is faster than real time). Spans come from the same source.
/// </summary>
public sealed class SpeechMetrics
{
    public const string SourceName = "Dexel";
    public static readonly ActivitySource ActivitySource = new(SourceName);

    private readonly Histogram<double> _audioSeconds;
    private readonly Histogram<double> _latency;
    private readonly Histogram<double> _realTimeFactor;

    public SpeechMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(SourceName);
        _audioSeconds = meter.CreateHistogram<double>("voice.engine.audio", "s", "Seconds of audio an engine consumed or produced");
        _latency = meter.CreateHistogram<double>("voice.engine.latency", "s", "Wall time of one engine call");
        _realTimeFactor = meter.CreateHistogram<double>("voice.engine.rtf", unit: null, description: "Engine wall time divided by audio length");
    }

    /// <summary>Starts a span for one engine call; dispose the returned scope when the call ends.</summary>
    public Measurement Start(string engine, string operation) => new(this, engine, operation);

    public sealed class Measurement : IDisposable
    {
        private readonly SpeechMetrics _metrics;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly TagList _tags;
        private TimeSpan _audio;

        internal Measurement(SpeechMetrics metrics, string engine, string operation)
        {
            _metrics = metrics;
            _tags = new TagList { { "engine", engine }, { "operation", operation } };
            Activity = ActivitySource.StartActivity($"voice {operation} {engine}");
            Activity?.SetTag("voice.engine", engine);
        }

        public Activity? Activity { get; }
        public TimeSpan Elapsed => _clock.Elapsed;

        public void Audio(TimeSpan audio) => _audio = audio;

        public void Dispose()
        {
            var elapsed = _clock.Elapsed;
            _metrics._latency.Record(elapsed.TotalSeconds, _tags);
            if (_audio > TimeSpan.Zero)
            {
                _metrics._audioSeconds.Record(_audio.TotalSeconds, _tags);
                _metrics._realTimeFactor.Record(elapsed / _audio, _tags);
                Activity?.SetTag("voice.audio_seconds", _audio.TotalSeconds);
                Activity?.SetTag("voice.rtf", elapsed / _audio);
            }
            Activity?.Dispose();
        }
    }
}
