using System.Globalization;

namespace Dexel.Analytics.Application;

public sealed record ItemList<T>(IReadOnlyList<T> Items);

public sealed record TopTrack(Guid TrackId, string Title, string Artist, long Plays, long Listeners, double CompletionRate);

public sealed record TopArtist(string Artist, long Plays, long Listeners);

public sealed record HistoryItem(Guid TrackId, string Title, string Artist, DateTime PlayedAt, string Type);

public sealed record HistoryPage(IReadOnlyList<HistoryItem> Items, string? Next);

/// <summary>The position after which the next history page starts: "unixSeconds_eventId", opaque to clients.</summary>
public sealed record HistoryCursor(DateTime At, Guid EventId)
{
    public override string ToString() => $"{new DateTimeOffset(At, TimeSpan.Zero).ToUnixTimeSeconds()}_{EventId:N}";

    /// <summary>Accepts a cursor from <c>next</c>, or an ISO-8601 time (everything before it).</summary>
    public static bool TryParse(string value, out HistoryCursor? cursor)
    {
        cursor = null;
        var parts = value.Split('_');
        if (parts.Length == 2 && long.TryParse(parts[0], out var seconds) && seconds is >= 0 and < 4_000_000_000 && Guid.TryParseExact(parts[1], "N", out var id))
        {
            cursor = new HistoryCursor(DateTime.UnixEpoch.AddSeconds(seconds), id);
            return true;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && time.Year is > 1970 and < 2100)
        {
            // Everything strictly before the time: the smallest id at that second excludes the second itself.
            cursor = new HistoryCursor(time.UtcDateTime.AddTicks(-(time.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), Guid.Empty);
            return true;
        }
        return false;
    }
}

public sealed record DayMinutes(DateOnly Date, double Minutes);

public sealed record DayPlays(DateOnly Date, long Plays);

public sealed record TrackCount(Guid TrackId, string Title, string Artist, long Plays);

public sealed record NameCount(string Name, long Plays);

public sealed record ListenerStats(double MinutesListened, long Plays, IReadOnlyList<TrackCount> TopTracks, IReadOnlyList<NameCount> TopArtists,
    IReadOnlyList<NameCount> TopGenres, int LongestStreakDays, IReadOnlyList<DayMinutes> MinutesPerDay);

public sealed record TrackStats(long Plays, long Listeners, long Likes, double CompletionRate, double SkipRate, IReadOnlyList<DayPlays> PlaysPerDay);

public sealed record OverviewDay(DateOnly Date, long DailyActiveUsers, long Registrations, long Plays, long Uploads, long VoiceCommands);

/// <param name="Retention">Share of the cohort that played in week 0 (the week they registered), 1, 2, ...</param>
public sealed record Cohort(DateOnly Week, long Users, IReadOnlyList<double> Retention);

public sealed record Overview(DateOnly From, DateOnly To, IReadOnlyList<OverviewDay> Days, long WeeklyActiveUsers, long MonthlyActiveUsers, IReadOnlyList<Cohort> Cohorts);

public sealed record IntentStats(string Intent, long Commands, double SuccessRate, double? LatencyP50Ms, double? LatencyP95Ms);

public sealed record TranscriptCount(string Transcript, long Count);

public sealed record VoiceReport(long Commands, IReadOnlyList<IntentStats> Intents, IReadOnlyList<TranscriptCount> TopFailedTranscripts);
