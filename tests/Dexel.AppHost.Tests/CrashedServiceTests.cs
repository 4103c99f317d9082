using System.Diagnostics;
using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Dexel.AppHost.Tests;

/// <summary>A service killed under the local run comes back by itself and serves again through the gateway.</summary>
[Collection(AppHostCollection.Name)]
public sealed class CrashedServiceTests(DexelAppHostFixture appHost)
{
    [Fact]
    public async Task A_killed_service_is_restarted_and_serves_again()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var notifications = appHost.App.ResourceNotifications;
        var running = await notifications.WaitForResourceAsync("playlist",
            change => change.Snapshot.State?.Text == KnownResourceStates.Running && Pid(change) is not null, deadline.Token);
        var pid = Pid(running)!.Value;

        // kill -9 of the service and the launcher above it: nothing of it is left to shut down cleanly.
        using (var process = Process.GetProcessById(pid)) process.Kill(entireProcessTree: true);

        await notifications.WaitForResourceAsync("playlist",
            change => change.Snapshot.State?.Text == KnownResourceStates.Running && Pid(change) is { } next && next != pid, deadline.Token);
        await notifications.WaitForResourceHealthyAsync("playlist", deadline.Token);

        using var gateway = appHost.CreateGatewayClient();
        await Eventually.TrueAsync(async () =>
        {
            using var shared = await gateway.GetAsync($"/api/v1/shared/{Guid.NewGuid():N}");
            // 404 (no such link) comes from playlist itself, after a database lookup; 502/503 would mean the gateway still cannot reach it.
            return shared.StatusCode == HttpStatusCode.NotFound;
        }, TimeSpan.FromSeconds(30), "the gateway should reach the restarted playlist service");
    }

    // The orchestrator's name for it (Aspire's own constant is internal).
    private static int? Pid(ResourceEvent change) =>
        change.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
            ? Convert.ToInt32(value)
            : null;
}
