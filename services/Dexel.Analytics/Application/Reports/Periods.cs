namespace Dexel.Analytics.Application.Reports;

/// <summary>
/// Report periods are windows ending now, in UTC: hour = the last 60 minutes, day = 24 hours,
/// week = 7 days, month = 30 days, year = 365 days, all = everything. Starts are inclusive.
/// </summary>
public static class Periods
{
    public static readonly string[] Charts = ["hour", "day", "week", "month", "all"];
    public static readonly string[] Listener = ["week", "month", "year"];
    public static readonly string[] Track = ["day", "week", "month", "year", "all"];

    public static DateTime? Start(string period, DateTime now) => period switch
    {
        "hour" => now.AddHours(-1),
        "day" => now.AddDays(-1),
        "week" => now.AddDays(-7),
        "month" => now.AddDays(-30),
        "year" => now.AddDays(-365),
        "all" => null,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown period."),
    };

    /// <summary>An error for the validation map, or null when <paramref name="period"/> is one of <paramref name="allowed"/>.</summary>
    public static string? Check(string period, string[] allowed) =>
        allowed.Contains(period) ? null : $"period must be one of {string.Join(", ", allowed)}.";
}
