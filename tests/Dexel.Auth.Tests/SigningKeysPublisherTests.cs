using Dexel.Auth.Application.Security;
using Dexel.Auth.Infrastructure;
using Dexel.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Dexel.Auth.Tests;

public sealed class SigningKeysPublisherTests
{
    /// <summary>
    /// Postgres refusing connections makes EF give up with its own exception once its retries are
    /// spent; a publisher that let that escape stopped the whole auth service (CI saw auth vanish).
    /// </summary>
    [Fact]
    public async Task It_keeps_retrying_while_postgres_cannot_give_it_the_keys()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:authdb"] = $"Host=127.0.0.1;Port={ServiceProcess.FreePort()};Username=nobody;Password=none;Database=authdb";
        builder.AddServiceDatabase<AuthDbContext>("authdb");
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
}
