using Dexel.Clients;
using Dexel.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Dexel.EventBus.IntegrationEvents;
using Npgsql;

namespace Dexel.EventBus.Tests;

/// <summary>
/// A minimal service host wired exactly as the real services are (AddServiceDatabase,
/// AddEventPublishing, AddEventConsumer) against a private database and Kafka cluster.
/// </summary>
public sealed class EventBusHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _database;

    private EventBusHost(IHost host, string database, PrivateServer kafka)
    {
        _host = host;
        _database = database;
        Kafka = kafka;
    }

    public PrivateServer Kafka { get; }
    public IServiceProvider Services => _host.Services;

    public static async Task<EventBusHost> StartAsync(bool withConsumer)
    {
        var kafka = await PrivateServer.StartKafkaAsync();
        try
        {
            return await StartAsync(kafka, withConsumer);
        }
        catch
        {
            await kafka.DisposeAsync();
            throw;
        }
    }

    private static async Task<EventBusHost> StartAsync(PrivateServer kafka, bool withConsumer)
    {
        var database = "eventbus_" + TestEnvironment.UniqueSuffix();
        var connectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdminConnectionString) { Database = database }.ConnectionString;

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = connectionString,
            ["ConnectionStrings:kafka"] = kafka.ConnectionString,
            ["EventBus:Outbox:MaxBackoff"] = "00:00:02",
        });
        builder.AddServiceDatabase<EventBusTestContext>("testdb", (services, options) => options.UseOutboxSignal(services));
        builder.AddEventPublishing<EventBusTestContext>("kafka");
        if (withConsumer)
        {
            builder.AddEventConsumer<EventBusTestContext>("eventbus-tests").AddHandler<PlaylistCreated, RecordingHandler>();
        }

        // The schema must exist before the relay's first poll.
        await using (var db = new EventBusTestContext(new DbContextOptionsBuilder<EventBusTestContext>()
            .UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var host = builder.Build();
        await host.StartAsync();
        return new EventBusHost(host, database, kafka);
    }

    public async Task<T> WithDbAsync<T>(Func<EventBusTestContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EventBusTestContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Kafka.DisposeAsync();
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
