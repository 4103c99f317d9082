using System.Text.RegularExpressions;
using Npgsql;
using Xunit;

namespace Dexel.Testing;

/// <summary>
/// Starts some of Dexel's services as real processes against the real servers, each with
/// the environment aspire-manifest.json gives it, isolated from other fixtures: private
/// Postgres and ClickHouse databases, a private Kafka cluster and a private bucket, all
/// removed again at the end. Derive one per test class or collection and list the services.
/// </summary>
public abstract partial class DexelAppFixture : IAsyncLifetime
{
    private readonly string _suffix = TestEnvironment.UniqueSuffix();
    private readonly HashSet<string> _databases = [];
    private LocalSystem? _system;

    /// <summary>Every service of the AppHost, for fixtures that start the whole system.</summary>
    public static readonly string[] EveryService = ["gateway", "auth", "playlist", "streaming", "analytics", "voice"];

    /// <summary>Manifest project names to start, e.g. ["gateway", "auth"].</summary>
    protected abstract IReadOnlyList<string> ServicesToStart { get; }

    /// <summary>Extra configuration for one service (environment variable names, e.g. "Jwt__Lifetime").</summary>
    protected virtual void Configure(string service, IDictionary<string, string> environment) { }

    public PrivateServer Kafka { get; private set; } = null!;
    public LocalSystem System => _system ?? throw new InvalidOperationException("Fixture not initialized.");
    public string Suffix => _suffix;

    public Uri GatewayUrl => System.UrlOf("gateway");

    public HttpClient CreateClient(string service = "gateway") =>
        new() { BaseAddress = System.UrlOf(service), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The connection string a started service was given (private names included).</summary>
    public string ConnectionStringOf(string service, string name) =>
        System.EnvironmentFor(service)[$"ConnectionStrings__{name}"];

    public virtual async ValueTask InitializeAsync()
    {
        Kafka = await PrivateServer.StartKafkaAsync();
        _system = new LocalSystem(
            TestEnvironment.Manifest,
            TestEnvironment.Servers.With("kafka", Kafka.Address),
            Path.Combine(TestEnvironment.LogDirectory, GetType().Name + "-" + _suffix),
            adjustEnvironment: Isolate);
        _system.AssignPorts();
        try
        {
            await _system.StartAllAsync(ServicesToStart, TimeSpan.FromSeconds(90));
        }
        catch
        {
            // A fixture that fails to start must not leave processes or databases behind.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the service, as a crash does.</summary>
    public Task StopServiceAsync(string service) => System.StopAsync(service);

    /// <summary>Stops the service as a deployment does (SIGTERM, then a kill after 30 s).</summary>
    public Task ShutDownServiceAsync(string service) => System.ShutDownAsync(service, TimeSpan.FromSeconds(30));

    public Task StartServiceAsync(string service) =>
        System.StartAllAsync([service], TimeSpan.FromSeconds(90));

    private void Isolate(string service, Dictionary<string, string> environment)
    {
        foreach (var key in environment.Keys.Where(k => k.StartsWith("ConnectionStrings__")).ToList())
        {
            environment[key] = DatabaseName().Replace(environment[key], match =>
            {
                var database = $"{match.Groups[1].Value}_{_suffix}";
                _databases.Add(database);
                return $"Database={database}";
            });
        }
        if (environment.ContainsKey("ConnectionStrings__kafka")) environment["ConnectionStrings__kafka"] = Kafka.ConnectionString;
        environment["Aspire__Minio__Client__Bucket"] = $"dexel-test-{_suffix}";
        // Every test client is 127.0.0.1 and all fixtures share one Redis, so budgets per client
        // address would couple unrelated tests; per-user and per-account limits keep their defaults.
        environment["RateLimiting__AnonymousPerMinute"] = "1000000";
        environment["RateLimiting__MediaPerMinute"] = "2000000";
        environment["Auth__MaxFailedLoginsPerAddress"] = "1000000";
        // Tests upload many tracks as one user; the transcoding quota has tests of its own.
        environment["Streaming__Quotas__Free__ConcurrentTranscodes"] = "1000";
        environment["Streaming__Quotas__Free__AudioMinutesPerDay"] = "1000000";
        Configure(service, environment);
    }

    [GeneratedRegex(@"Database=([A-Za-z0-9_]+)")]
    private static partial Regex DatabaseName();

    private bool _disposed;

    public virtual async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_system is not null) await _system.DisposeAsync();
        if (Kafka is not null) await Kafka.DisposeAsync();
        await DropDatabasesAsync();
        GC.SuppressFinalize(this);
    }

    private async Task DropDatabasesAsync()
    {
        var clickhouse = TestEnvironment.Servers.Servers["clickhouse"];
        await using var postgres = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
        await postgres.OpenAsync();
        using var http = new HttpClient();
        foreach (var database in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", postgres);
            await drop.ExecuteNonQueryAsync();
            var query = $"http://{clickhouse.Host}:{clickhouse.Port}/?user=default&password={Uri.EscapeDataString(TestEnvironment.Servers.Parameters["clickhouse-password"])}";
            using var response = await http.PostAsync(query, new StringContent($"DROP DATABASE IF EXISTS {database}"));
        }
    }
}
