using Dexel.EventBus.IntegrationEvents;
using Dexel.EventBus.Outbox;
using Dexel.Voice.Infrastructure;
using Dexel.Voice.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dexel.Voice.Application.Commands;

public sealed record CommandTimings(int TranscribeMs, int ActMs, int SpeakMs);

public sealed record HistoryItem(Guid Id, DateTime At, string Transcript, string? Intent, IReadOnlyDictionary<string, string> Slots,
    string Outcome, string Reply, CommandTimings Timings);

public sealed record HistoryPage(IReadOnlyList<HistoryItem> Items, DateTime? Next);

/// <summary>
/// Each command kept in voicedb and announced as voice.command through the outbox, in one commit.
/// A command has already been acted on when it is recorded, so a failed write is logged, not thrown.
/// </summary>
public sealed class CommandHistory(VoiceDbContext db, TimeProvider time, ILogger<CommandHistory> logger)
{
    public const int MaxPage = 100;

    public async Task RecordAsync(Guid userId, string transcript, HandledCommand handled, CommandTimings timings, CancellationToken cancel)
    {
        var command = new VoiceCommand
        {
            Id = Guid.CreateVersion7(), UserId = userId, CreatedAt = time.GetUtcNow().UtcDateTime,
            Transcript = transcript.Length > VoiceCommand.MaxTranscriptLength ? transcript[..VoiceCommand.MaxTranscriptLength] : transcript,
            Intent = handled.Parsed?.Intent, Slots = handled.Parsed?.Slots.ToDictionary() ?? [],
            Outcome = handled.Outcome.Status, Reply = handled.Reply,
            TranscribeMs = timings.TranscribeMs, ActMs = timings.ActMs, SpeakMs = timings.SpeakMs,
        };
        db.Add(command);
        db.AddIntegrationEvent(new VoiceCommandHandled(command.Id, userId, command.Transcript, command.Intent ?? "none",
            command.Outcome == "done", timings.TranscribeMs + timings.ActMs + timings.SpeakMs));
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (Exception ex) when (ex is DbUpdateException or RetryLimitExceededException or Npgsql.NpgsqlException or TimeoutException)
        {
            logger.LogWarning(ex, "A voice command was handled but could not be kept in the history");
        }
    }

    /// <summary>Newest first; Next is the "before" for the following page, null at the end.</summary>
    public async Task<HistoryPage> PageAsync(Guid userId, int limit, DateTime? before, CancellationToken cancel)
    {
        var query = db.Set<VoiceCommand>().AsNoTracking().Where(c => c.UserId == userId);
        if (before is { } cursor) query = query.Where(c => c.CreatedAt < cursor);
        var page = await query.OrderByDescending(c => c.CreatedAt).Take(limit + 1).ToListAsync(cancel);
        var items = page.Take(limit).Select(Item).ToList();
        return new HistoryPage(items, page.Count > limit ? items[^1].At : null);
    }

    public async Task<IReadOnlyList<HistoryItem>> AllAsync(Guid userId, CancellationToken cancel) =>
        (await db.Set<VoiceCommand>().AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.CreatedAt).ToListAsync(cancel)).Select(Item).ToList();

    private static HistoryItem Item(VoiceCommand c) =>
        new(c.Id, c.CreatedAt, c.Transcript, c.Intent, c.Slots, c.Outcome, c.Reply, new CommandTimings(c.TranscribeMs, c.ActMs, c.SpeakMs));

    public Task<int> ForgetAsync(Guid userId, CancellationToken cancel) =>
        db.Set<VoiceCommand>().Where(c => c.UserId == userId).ExecuteDeleteAsync(cancel);
}
