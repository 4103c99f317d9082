using Dexel.Auth.Application.Security;
using Dexel.Auth.Infrastructure;
using Dexel.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Dexel.Auth.Tests;

/// <summary>What auth does when Postgres is away while it starts (the service's own start-up parts, on real servers).</summary>
public sealed class StartupResilienceTests
{
    [Fact]
    public async Task Migrations_wait_for_a_postgres_that_comes_up_late()
    {
        await using var postgres = await PrivateServer.StartPostgresAsync();
        await postgres.StopAsync();
        using var host = AuthDatabaseOn(postgres.ConnectionString + ";Database=authdb").Build();

        var starting = host.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        Assert.False(starting.IsCompleted, $"the start ended while Postgres was down: {starting.Exception?.InnerException?.Message}");

        await postgres.StartAgainAsync();
        await starting.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        await host.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Postgres refusing connections makes EF give up with its own exception once its retries are
    /// spent; a publisher that let that escape stopped the whole auth service (CI saw auth vanish).
    /// </summary>
    [Fact]
    public async Task The_signing_key_publisher_keeps_retrying_while_postgres_cannot_give_it_the_keys()
    {
        var builder = AuthDatabaseOn($"Host=127.0.0.1;Port={ServiceProcess.FreePort()};Username=nobody;Password=none;Database=authdb");
        builder.Services.AddOptions<JwtOptions>();
        builder.Services.AddSingleton<SigningKeys>();
        await using var services = builder.Services.BuildServiceProvider();
        var redis = TestEnvironment.Servers.Servers["redis"];
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync($"{redis.Host}:{redis.Port},abortConnect=false");
        using var publisher = new SigningKeysPublisher(services.GetRequiredService<SigningKeys>(), multiplexer, NullLogger<SigningKeysPublisher>.Instance);

        await publisher.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        Assert.NotNull(publisher.ExecuteTask);
        Assert.False(publisher.ExecuteTask.IsCompleted, $"the publisher stopped: {publisher.ExecuteTask.Exception?.InnerException}");
        await publisher.StopAsync(CancellationToken.None);
    }

    /// <summary>Auth's database as the service registers it (fast-fail settings, breaker, migrations at start).</summary>
    private static HostApplicationBuilder AuthDatabaseOn(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:authdb"] = connectionString;
        builder.AddServiceDatabase<AuthDbContext>("authdb");
        return builder;
    }
}
