using Dexel.Analytics.Application.Reports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dexel.Analytics.Tests;

/// <summary>The shared-report cache: fresh reports shared, stale ones refreshed behind the caller, failures never kept.</summary>
public sealed class ReportCacheTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-30T12:00:00Z"));
    private readonly ReportCache _cache;
    private int _computations;

    public ReportCacheTests() =>
        _cache = new ReportCache(_clock, Options.Create(new ReportCacheOptions { MaxAge = TimeSpan.FromSeconds(30), StaleLimitFactor = 10 }),
            NullLogger<ReportCache>.Instance);

    public void Dispose() => _cache.Dispose();

    private Task<string> Report(CancellationToken _) => Task.FromResult($"report {Interlocked.Increment(ref _computations)}");

    [Fact]
    public async Task A_fresh_report_is_computed_once_and_shared()
    {
        Assert.Equal("report 1", await _cache.GetAsync("charts", Report, default));
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("report 1", await _cache.GetAsync("charts", Report, default));
        Assert.Equal("report 2", await _cache.GetAsync("other", Report, default));
    }

    [Fact]
    public async Task A_stale_report_is_served_once_more_while_it_is_refreshed()
    {
        await _cache.GetAsync("charts", Report, default);
        _clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal("report 1", await _cache.GetAsync("charts", Report, default));
        await Eventually.TrueAsync(async () => await _cache.GetAsync("charts", Report, default) == "report 2",
            TimeSpan.FromSeconds(5), "the refresh should replace the stale report");
        Assert.Equal(2, _computations);
    }

    [Fact]
    public async Task A_failed_first_computation_is_not_kept()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _cache.GetAsync<string>("charts", _ => throw new InvalidOperationException("ClickHouse is down"), default));
        Assert.Equal("report 1", await _cache.GetAsync("charts", Report, default));
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_last_report_only_up_to_the_stale_limit()
    {
        await _cache.GetAsync("charts", Report, default);
        Task<string> Down(CancellationToken _) => throw new InvalidOperationException("ClickHouse is down");

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("report 1", await _cache.GetAsync("charts", Down, default));

        _clock.Advance(TimeSpan.FromMinutes(5)); // past 10 × 30 s
        await Assert.ThrowsAsync<InvalidOperationException>(() => _cache.GetAsync("charts", Down, default));
        Assert.Equal("report 2", await _cache.GetAsync("charts", Report, default));
    }

    [Fact]
    public async Task No_maximum_age_computes_every_request()
    {
        using var uncached = new ReportCache(_clock, Options.Create(new ReportCacheOptions { MaxAge = TimeSpan.Zero }), NullLogger<ReportCache>.Instance);
        Assert.Equal("report 1", await uncached.GetAsync("charts", Report, default));
        Assert.Equal("report 2", await uncached.GetAsync("charts", Report, default));
    }
}
