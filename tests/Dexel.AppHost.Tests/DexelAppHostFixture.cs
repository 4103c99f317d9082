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
/// orchestrator starts the six services against the servers of eng/servers.sh and the dashboard,
/// and the fixture waits until every service and server is healthy. The dashboard receives every
/// service's telemetry; tests read it back through its telemetry API.
/// </summary>
public sealed class DexelAppHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The dashboard's frontend, whose <c>/api/telemetry</c> answers to <see cref="DashboardApiKey"/>.</summary>
    public Uri DashboardUrl { get; private set; } = null!;
    public string DashboardApiKey { get; private set; } = "";

    /// <summary>The resources the fixture waited on, and how long the whole start took.</summary>
    public IReadOnlyList<string> HealthyResources { get; private set; } = [];
    public TimeSpan StartTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        var started = TimeProvider.System.GetTimestamp();
        var servers = Path.Combine(TestEnvironment.RepositoryRoot, ".local", "servers.json");
        // What the launch profile "http" sets (eng/run.sh does the same); the testing builder then
        // moves every endpoint, the dashboard's too, to ports of its own choosing.
        string[] args =
        [
            "--LocalServers", Environment.GetEnvironmentVariable("DEXEL_SERVERS") ?? servers,
            "--ASPNETCORE_URLS=http://127.0.0.1:0",
            "--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:0",
            "--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:0",
            "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dexel_AppHost>(
            args, (options, _) => options.DisableDashboard = false, deadline.Token);
        App = await builder.BuildAsync(deadline.Token);
        try
        {
            await App.StartAsync(deadline.Token);
            var model = App.Services.GetRequiredService<DistributedApplicationModel>();
            HealthyResources = model.Resources
                .Where(resource => resource is ProjectResource or LocalServerResource)
                .Select(resource => resource.Name)
                .ToList();
            // Its API key is generated per run.
            var dashboard = await App.ResourceNotifications.WaitForResourceAsync("aspire-dashboard",
                e => e.Snapshot.Urls.Any(u => u.Name == "http") && e.Snapshot.EnvironmentVariables.Any(v => v.Name == "DASHBOARD__API__PRIMARYAPIKEY"),
                deadline.Token);
            DashboardUrl = new Uri(new Uri(dashboard.Snapshot.Urls.First(u => u.Name == "http").Url).GetLeftPart(UriPartial.Authority));
            DashboardApiKey = dashboard.Snapshot.EnvironmentVariables.Single(v => v.Name == "DASHBOARD__API__PRIMARYAPIKEY").Value!;
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

    /// <summary>A resource's last console lines, by its id (<c>ResourceEvent.ResourceId</c>): a failure's evidence.</summary>
    public async Task<IReadOnlyList<string>> LogTailAsync(string resourceId, int lines = 25)
    {
        var all = new List<string>();
        await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resourceId))
            all.AddRange(batch.Select(line => line.Content));
        return all.TakeLast(lines).ToList();
    }

    public HttpClient CreateGatewayClient()
    {
        var client = App.CreateHttpClient("gateway", "http");
        client.Timeout = TimeSpan.FromSeconds(60);
        return client;
    }

    public HttpClient CreateDashboardApiClient()
    {
        var client = new HttpClient { BaseAddress = DashboardUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-API-Key", DashboardApiKey);
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
