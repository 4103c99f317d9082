using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Dexel.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dexel.AppHost.Tests;

/// <summary>One AppHost for every class: starting it costs a minute.</summary>
[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<DexelAppHostFixture>
{
    public const string Name = "apphost";
}

/// <summary>
/// Dexel.AppHost as a developer runs it without a container engine (eng/run.sh): the
/// orchestrator starts the six services against the servers of eng/servers.sh, and the fixture
/// waits until every service and server is healthy.
/// </summary>
public sealed class DexelAppHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The resources the fixture waited on, and how long the whole start took.</summary>
    public IReadOnlyList<string> HealthyResources { get; private set; } = [];
    public TimeSpan StartTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        var started = TimeProvider.System.GetTimestamp();
        var servers = Path.Combine(TestEnvironment.RepositoryRoot, ".local", "servers.json");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dexel_AppHost>(
            ["--LocalServers", Environment.GetEnvironmentVariable("DEXEL_SERVERS") ?? servers], deadline.Token);
        App = await builder.BuildAsync(deadline.Token);
        try
        {
            await App.StartAsync(deadline.Token);
            var model = App.Services.GetRequiredService<DistributedApplicationModel>();
            HealthyResources = model.Resources
                .Where(resource => resource is ProjectResource or LocalServerResource)
                .Select(resource => resource.Name)
                .ToList();
            await Task.WhenAll(HealthyResources.Select(name =>
                App.ResourceNotifications.WaitForResourceHealthyAsync(name, deadline.Token)));
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the orchestrator and every service it started go with the app.
            await App.DisposeAsync();
            if (ex is OperationCanceledException && deadline.IsCancellationRequested)
                throw new TimeoutException($"The AppHost's resources were not all healthy after {StartTimeout.TotalMinutes} minutes.");
            throw;
        }
        StartTime = TimeProvider.System.GetElapsedTime(started);
    }

    public HttpClient CreateGatewayClient()
    {
        var client = App.CreateHttpClient("gateway", "http");
        client.Timeout = TimeSpan.FromSeconds(60);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is null) return;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await App.StopAsync(deadline.Token);
        await App.DisposeAsync();
    }
}
