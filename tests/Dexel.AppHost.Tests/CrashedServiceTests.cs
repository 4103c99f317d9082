using System.Diagnostics;
using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Dexel.AppHost.Tests;

/// <summary>A service killed under the local run comes back by itself; meanwhile its callers get no errors but 503s.</summary>
[Collection(AppHostCollection.Name)]
public sealed class CrashedServiceTests(DexelAppHostFixture appHost, ITestOutputHelper output)
{
    [Fact]
    public async Task A_killed_service_is_restarted_and_serves_again()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var notifications = appHost.App.ResourceNotifications;
        var running = await notifications.WaitForResourceAsync("playlist",
            change => change.Snapshot.State?.Text == KnownResourceStates.Running && Pid(change) is not null, deadline.Token);
        var pid = Pid(running)!.Value;

        // A client keeps calling playlist through the gateway the whole time.
        using var gateway = appHost.CreateGatewayClient();
        var answers = new List<(HttpStatusCode Status, string? Type)>();
        using var stopCalling = new CancellationTokenSource();
        var calling = Task.Run(async () =>
        {
            while (!stopCalling.IsCancellationRequested)
            {
                // 404 (no such link) comes from playlist itself, after a database lookup.
                using var shared = await gateway.GetAsync($"/api/v1/shared/{Guid.NewGuid():N}");
                lock (answers) answers.Add((shared.StatusCode, shared.Content.Headers.ContentType?.MediaType));
                await Task.Delay(100);
            }
        });

        // kill -9 of the service and the launcher above it: nothing of it is left to shut down cleanly.
        using (var process = Process.GetProcessById(pid)) process.Kill(entireProcessTree: true);

        try
        {
            await notifications.WaitForResourceAsync("playlist",
                change => change.Snapshot.State?.Text == KnownResourceStates.Running && Pid(change) is { } next && next != pid, deadline.Token);
            await notifications.WaitForResourceHealthyAsync("playlist", deadline.Token);
        }
        catch (OperationCanceledException ex)
        {
            // CI keeps only the failure's message: what playlist printed last goes in it.
            var tail = await appHost.LogTailAsync(running.ResourceId);
            foreach (var line in tail) output.WriteLine(line);
            var lastLines = string.Join(" | ", tail.TakeLast(6).Select(line => line.Length > 160 ? line[..160] : line));
            throw new TimeoutException($"playlist was not back and healthy within 2 minutes of the kill; its last lines: {lastLines}", ex);
        }
        await Eventually.TrueAsync(() =>
        {
            lock (answers) return Task.FromResult(answers.Count > 0 && answers[^1].Status == HttpStatusCode.NotFound);
        }, TimeSpan.FromSeconds(30), "the gateway should reach the restarted playlist service");
        stopCalling.Cancel();
        await calling;

        // While it was away: never a 500 or 502. (Aspire's proxy in front of each service may hold a call
        // until the service is back instead of refusing it; the gateway's answer is then late, not wrong.)
        Assert.NotEmpty(answers);
        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.NotFound
            || (a.Status == HttpStatusCode.ServiceUnavailable && a.Type == "application/problem+json"), $"answered {(int)a.Status} {a.Type}"));
    }

    // The orchestrator's name for it (Aspire's own constant is internal).
    private static int? Pid(ResourceEvent change) =>
        change.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
            ? Convert.ToInt32(value)
            : null;
}
