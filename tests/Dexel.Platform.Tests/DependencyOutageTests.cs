using System.Net;
using Dexel.Testing;

namespace Dexel.Platform.Tests;

/// <summary>Auth against a Redis of its own, so stopping it disturbs no other test.</summary>
public sealed class AuthWithPrivateRedis : DexelAppFixture
{
    public PrivateServer Redis { get; private set; } = null!;

    protected override IReadOnlyList<string> ServicesToStart => ["auth"];

    public override async ValueTask InitializeAsync()
    {
        Redis = await PrivateServer.StartRedisAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(string service, IDictionary<string, string> environment) =>
        environment["ConnectionStrings__redis"] = Redis.ConnectionString;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>Playlist against its fixture's private Kafka cluster, which the test freezes.</summary>
public sealed class PlaylistOnly : DexelAppFixture
{
    protected override IReadOnlyList<string> ServicesToStart => ["playlist"];
}

public sealed class DependencyOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Auth_turns_unhealthy_when_its_redis_stops()
    {
        await using var app = new AuthWithPrivateRedis();
        await app.InitializeAsync();
        using var client = app.CreateClient("auth");
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));

        await app.Redis.StopAsync();

        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.ServiceUnavailable
                && await response.Content.ReadAsStringAsync() == "Unhealthy";
        }, Patience, "auth should report Unhealthy without Redis");

        using var alive = await client.GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Playlist_turns_unhealthy_while_kafka_is_unreachable_and_recovers()
    {
        await using var app = new PlaylistOnly();
        await app.InitializeAsync();
        using var client = app.CreateClient("playlist");
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));

        app.Kafka.Pause();
        await Eventually.TrueAsync(async () =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var response = await client.GetAsync("/health");
            // The check has its own 1.5 s deadline: a frozen broker never holds /health for longer (plus slack for a busy machine).
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"/health took {clock.ElapsedMilliseconds} ms while Kafka was frozen");
            return response.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, Patience, "playlist should report Unhealthy while Kafka is frozen");

        app.Kafka.Resume();
        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK;
        }, Patience, "playlist should recover once Kafka answers again");
    }
}
