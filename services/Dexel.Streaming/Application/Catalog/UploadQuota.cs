using Dexel.Streaming.Infrastructure;
using Dexel.Streaming.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dexel.Streaming.Application.Catalog;

/// <summary>What one tier may spend on transcoding: tracks processing at once, and audio per rolling day.</summary>
public sealed class TierQuota
{
    public int ConcurrentTranscodes { get; set; }
    public int AudioMinutesPerDay { get; set; }
}

/// <summary>The "Streaming:Quotas" section: a quota per tier.</summary>
public sealed class UploadQuotaOptions
{
    public TierQuota Free { get; set; } = new() { ConcurrentTranscodes = 2, AudioMinutesPerDay = 120 };
    public TierQuota Premium { get; set; } = new() { ConcurrentTranscodes = 5, AudioMinutesPerDay = 1200 };

    public TierQuota For(string? tier) => tier == "premium" ? Premium : Free;
}

public sealed record QuotaRefusal(string Detail, TimeSpan RetryAfter);

/// <summary>
/// Transcoding costs real CPU (ten minutes of audio take about ten seconds), so each uploader gets a
/// budget. Checked under a per-user lock in the upload's own transaction, so parallel uploads
/// cannot slip past it together. Audio counts once its length is known (after validation).
/// </summary>
public sealed class UploadQuota(StreamingDbContext db, IOptions<UploadQuotaOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Takes the user's upload lock for the current transaction, then judges the quota.</summary>
    public async Task<QuotaRefusal?> CheckAsync(Guid ownerId, string? tier, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({ownerId.ToString()}, 7))", cancellationToken);
        var quota = options.Value.For(tier);
        var mine = db.Tracks.Where(t => t.OwnerId == ownerId);

        var processing = await mine.CountAsync(t => t.Status == TrackStatus.Processing, cancellationToken);
        if (processing >= quota.ConcurrentTranscodes)
            return new($"{processing} of your tracks are still processing, the most your plan allows at once; upload more when one is ready.",
                TimeSpan.FromSeconds(30));

        var now = time.GetUtcNow().UtcDateTime;
        var today = await mine.Where(t => t.CreatedAt > now - Day && t.DurationMs != null)
            .Select(t => new { t.CreatedAt, DurationMs = t.DurationMs!.Value }).ToListAsync(cancellationToken);
        if (today.Sum(t => t.DurationMs) < quota.AudioMinutesPerDay * 60_000L) return null;
        var freedAt = today.Min(t => t.CreatedAt) + Day;
        return new($"You have uploaded {quota.AudioMinutesPerDay} minutes of audio in the last 24 hours, the most your plan allows.",
            freedAt - now);
    }
}
