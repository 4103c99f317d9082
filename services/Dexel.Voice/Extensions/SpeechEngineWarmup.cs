using Dexel.Speech.Tts;
using Dexel.Voice.Application;

namespace Dexel.Voice.Extensions;

/// <summary>
/// Loads the speech engines (pocketsphinx's acoustic model and dictionary, Silero VAD, flite)
/// before the service takes traffic, as the database migrations are applied: the first spoken
/// command would otherwise pay for it, seconds on our cores, and a missing model would show only then.
/// </summary>
internal sealed class SpeechEngineWarmup(IServiceProvider services, ILogger<SpeechEngineWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        services.GetRequiredService<Transcriber>();
        services.GetRequiredService<FliteTextToSpeechClient>().Synthesize("ready");
        logger.LogInformation("Speech engines loaded in {Elapsed:0} ms", TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
