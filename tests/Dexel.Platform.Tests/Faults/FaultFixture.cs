using Npgsql;

namespace Dexel.Platform.Tests.Faults;

/// <summary>
/// Auth, playlist and the gateway on a Redis, a Postgres and a Kafka of their own, so the
/// fault tests can stop, freeze and restart each without disturbing any other test.
/// </summary>
public sealed class FaultFixture : DexelAppFixture
{
    public PrivateServer Redis { get; private set; } = null!;
    public PrivateServer Postgres { get; private set; } = null!;

    protected override IReadOnlyList<string> ServicesToStart => ["auth", "playlist", "gateway"];

    public override async ValueTask InitializeAsync()
    {
        Redis = await PrivateServer.StartRedisAsync();
        Postgres = await PrivateServer.StartPostgresAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        foreach (var key in environment.Keys.ToList())
        {
            if (key == "ConnectionStrings__redis") environment[key] = Redis.ConnectionString;
            if (key is "ConnectionStrings__authdb" or "ConnectionStrings__playlistdb")
            {
                var own = new NpgsqlConnectionStringBuilder(Postgres.ConnectionString);
                environment[key] = new NpgsqlConnectionStringBuilder(environment[key]) { Host = own.Host, Port = own.Port, Password = own.Password }.ConnectionString;
            }
        }
        // The load is a few users at several requests a second each; budgets are not under test here.
        if (service == "gateway") environment["RateLimiting__FreePerMinute"] = "1000000";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
