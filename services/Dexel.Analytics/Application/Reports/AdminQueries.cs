using Dexel.Analytics.Infrastructure;

namespace Dexel.Analytics.Application.Reports;

/// <summary>The platform's numbers for administrators: activity per UTC day, retention cohorts, voice commands.</summary>
public sealed class AdminQueries(AnalyticsStore store, TimeProvider clock, ReportCache cache)
{
    /// <summary>Shared between admins for as long as <see cref="ReportCache"/> allows.</summary>
    public Task<Overview> OverviewAsync(DateOnly from, DateOnly to, CancellationToken ct) =>
        cache.GetAsync($"overview|{from:O}|{to:O}", token => ComputeOverviewAsync(from, to, token), ct);

    private async Task<Overview> ComputeOverviewAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        string Range(string column = "occurred_at") => $"{column} >= {Sql.Time(start)} AND {column} < {Sql.Time(end)}";
        string PerDay(string select, string table) => $"SELECT toString(toDate(occurred_at, 'UTC')) AS day, {select} AS n FROM {table} WHERE {Range()} GROUP BY day";

        var active = await DailyAsync(PerDay("uniq(user_id)", "plays"), ct);
        var plays = await DailyAsync(PerDay("countIf(type = 'started')", "plays"), ct);
        var registrations = await DailyAsync(PerDay("uniqExact(user_id)", "users"), ct);
        var voice = await DailyAsync(PerDay("count()", "voice_commands"), ct);
        var uploads = await DailyAsync(
            $"SELECT toString(toDate(published_at, 'UTC')) AS day, count() AS n FROM ({TrackCatalog.Latest}) WHERE {Range("published_at")} GROUP BY day", ct);

        var days = new List<OverviewDay>();
        for (var day = from; day <= to; day = day.AddDays(1))
            days.Add(new OverviewDay(day, active.GetValueOrDefault(day), registrations.GetValueOrDefault(day), plays.GetValueOrDefault(day),
                uploads.GetValueOrDefault(day), voice.GetValueOrDefault(day)));

        var endTime = Sql.Time(end);
        var actives = (await store.QueryAsync($"""
            SELECT uniqIf(user_id, occurred_at >= {endTime} - 7 * 86400) AS weekly, uniq(user_id) AS monthly
            FROM plays WHERE occurred_at >= {endTime} - 30 * 86400 AND occurred_at < {endTime}
            """, ct)).Single();
        return new Overview(from, to, days, actives.Long("weekly"), actives.Long("monthly"), await CohortsAsync(start, end, ct));
    }

    /// <summary>Users by the UTC week (Monday) they registered, and how many of them played in each week after.</summary>
    private async Task<List<Cohort>> CohortsAsync(DateTime start, DateTime end, CancellationToken ct)
    {
        var registered = $"SELECT user_id, toMonday(min(occurred_at), 'UTC') AS cohort FROM users GROUP BY user_id HAVING min(occurred_at) >= {Sql.Time(start)} AND min(occurred_at) < {Sql.Time(end)}";
        var sizes = await store.QueryAsync($"SELECT toString(cohort) AS cohortWeek, count() AS users FROM ({registered}) GROUP BY cohort ORDER BY cohort", ct);
        var retained = await store.QueryAsync($"""
            SELECT toString(cohort) AS cohortWeek, toRelativeWeekNum(occurred_at, 'UTC') - toRelativeWeekNum(cohort) AS week, uniqExact(user_id) AS users
            FROM plays ANY INNER JOIN ({registered}) USING user_id
            WHERE occurred_at >= {Sql.Time(start)} AND week >= 0
            GROUP BY cohort, week ORDER BY cohort, week
            """, ct);
        return sizes.Select(size =>
        {
            var users = size.Long("users");
            var weeks = retained.Where(r => r.String("cohortWeek") == size.String("cohortWeek"))
                .ToDictionary(r => (int)r.Long("week"), r => r.Long("users"));
            var last = weeks.Count == 0 ? 0 : weeks.Keys.Max();
            return new Cohort(DateOnly.Parse(size.String("cohortWeek")), users,
                Enumerable.Range(0, last + 1).Select(w => ChartQueries.Rate(weeks.GetValueOrDefault(w), users)).ToList());
        }).ToList();
    }

    public async Task<VoiceReport> VoiceAsync(string period, CancellationToken ct)
    {
        var start = Periods.Start(period, clock.GetUtcNow().UtcDateTime);
        var where = start is { } s ? $"occurred_at >= {Sql.Time(s)}" : "1";
        var intents = await store.QueryAsync($"""
            SELECT intent, count() AS commands, countIf(succeeded = 1) AS succeeded,
                   quantilesIf(0.5, 0.95)(latency_ms, latency_ms >= 0) AS latency, countIf(latency_ms >= 0) AS timed
            FROM voice_commands WHERE {where} GROUP BY intent ORDER BY commands DESC, intent
            """, ct);
        var failed = await store.QueryAsync($"""
            SELECT transcript, count() AS n FROM voice_commands WHERE {where} AND succeeded = 0
            GROUP BY transcript ORDER BY n DESC, transcript LIMIT 10
            """, ct);
        return new VoiceReport(
            intents.Sum(i => i.Long("commands")),
            intents.Select(i =>
            {
                var latency = i.GetProperty("latency");
                var timed = i.Long("timed") > 0;
                return new IntentStats(i.String("intent"), i.Long("commands"), ChartQueries.Rate(i.Long("succeeded"), i.Long("commands")),
                    timed ? latency[0].GetDouble() : null, timed ? latency[1].GetDouble() : null);
            }).ToList(),
            failed.Select(f => new TranscriptCount(f.String("transcript"), f.Long("n"))).ToList());
    }

    private async Task<Dictionary<DateOnly, long>> DailyAsync(string sql, CancellationToken ct) =>
        (await store.QueryAsync(sql, ct)).ToDictionary(r => DateOnly.Parse(r.String("day")), r => r.Long("n"));
}
