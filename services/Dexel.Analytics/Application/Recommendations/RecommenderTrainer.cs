using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Dexel.Analytics.Application.Recommendations;

/// <summary>
/// Loads the newest stored model at start-up (so a restart serves at once), then retrains in
/// the background every TrainingInterval from everything in ClickHouse, stores the new model
/// and serves it. A failed round keeps the current model and tries again next interval.
/// </summary>
internal sealed class RecommenderTrainer(
    RecommendationStore store,
    Recommender recommender,
    IOptions<RecommenderOptions> options,
    ILogger<RecommenderTrainer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastTrained = await LoadStoredAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Min(30, Math.Max(1, options.Value.TrainingInterval.TotalSeconds))));
        do
        {
            if (DateTime.UtcNow - lastTrained < options.Value.TrainingInterval) continue;
            try
            {
                await TrainAsync(stoppingToken);
                lastTrained = DateTime.UtcNow;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Training the recommender failed; serving model {Version} meanwhile", recommender.Snapshot.Version);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<DateTime> LoadStoredAsync(CancellationToken ct)
    {
        try
        {
            if (await store.LoadLatestAsync(ct) is not { } stored) return DateTime.MinValue;
            recommender.Serve(new RecommenderSnapshot(stored.Version, stored.TrainedAt, stored.Model, (await store.CatalogAsync(ct)).ToDictionary(t => t.TrackId)));
            logger.LogInformation("Serving stored recommendation model {Version} from {TrainedAt:O}", stored.Version, stored.TrainedAt);
            return stored.TrainedAt;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "No stored recommendation model could be loaded");
            return DateTime.MinValue;
        }
    }

    private async Task TrainAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var interactions = await store.InteractionsAsync(ct);
        var catalog = (await store.CatalogAsync(ct)).ToDictionary(t => t.TrackId);
        var model = await Task.Run(() => ItemSimilarityModel.Train(interactions, options.Value.NeighborsPerTrack), ct);
        var version = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await store.SaveAsync(version, model, interactions.Count, ct);
        recommender.Serve(new RecommenderSnapshot(version, DateTime.UtcNow, model, catalog));
        logger.LogInformation("Trained recommendation model {Version}: {Interactions} interactions, {Tracks} tracks, {Elapsed} ms",
            version, interactions.Count, model.Neighbors.Count, clock.ElapsedMilliseconds);
    }
}
