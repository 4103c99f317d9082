using System.Runtime.InteropServices;
using Dexel.LocalRun;

// eng/run.sh starts the servers and builds; this starts the services, waits until every one is
// healthy, prints the gateway URL and, on Ctrl+C, stops what it started.
var manifestPath = AspireManifest.FindNextTo(AppContext.BaseDirectory);
var manifest = AspireManifest.Load(manifestPath);
var root = manifest.Directory;
var state = Path.Combine(root, ".local");
var pidFile = Path.Combine(state, "run.pid");
var gatewayPort = int.TryParse(Environment.GetEnvironmentVariable("DEXEL_GATEWAY_PORT"), out var p) ? p : 5080;

if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile), out var previous) && IsAlive(previous))
{
    Console.WriteLine($"Dexel is already running (pid {previous}): gateway http://127.0.0.1:{gatewayPort}");
    return 0;
}

// Run the services built in the same configuration as this runner (artifacts/bin/<project>/<configuration>/).
var configuration = Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
await using var system = new LocalSystem(manifest, LocalServers.Load(LocalServers.DefaultPath(root)), Path.Combine(state, "logs"), configuration);
system.AssignPorts(new Dictionary<string, int> { ["gateway"] = gatewayPort });

var stopping = new CancellationTokenSource();
// Ctrl+C and SIGTERM both end the wait below, so the services are stopped before we exit.
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}

File.WriteAllText(pidFile, Environment.ProcessId.ToString());
try
{
    Console.WriteLine($"Starting {string.Join(", ", manifest.Projects)} (logs in {Path.Combine(state, "logs")})");
    await system.StartAllAsync(manifest.Projects, TimeSpan.FromSeconds(90), stopping.Token);
    foreach (var project in manifest.Projects.Where(p => p != "gateway"))
        Console.WriteLine($"  {project}: {system.UrlOf(project)}");
    Console.WriteLine($"Gateway: {system.UrlOf("gateway")}");
    Console.WriteLine("Press Ctrl+C to stop.");
    await Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { });
    return 0;
}
catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
finally
{
    Console.WriteLine("Stopping services...");
    File.Delete(pidFile);
}

static bool IsAlive(int pid)
{
    try { return !System.Diagnostics.Process.GetProcessById(pid).HasExited; }
    catch (ArgumentException) { return false; }
}
