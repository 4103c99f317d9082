namespace Dexel.Testing;

/// <summary>
/// Starts a set of the AppHost's projects as processes, each with the environment the AppHost's
/// published model gives it, and stops them together. <paramref name="adjustEnvironment"/> lets a
/// test fixture change what a real deployment would not (a private database name, say).
/// </summary>
public sealed class LocalSystem(
    AspireManifest manifest,
    LocalServers servers,
    string logDirectory,
    string? configuration = null,
    Action<string, Dictionary<string, string>>? adjustEnvironment = null) : IAsyncDisposable
{
    private readonly Dictionary<string, ServiceProcess> _running = new();
    private readonly Dictionary<string, int> _ports = new();

    public IReadOnlyDictionary<string, ServiceProcess> Services => _running;

    /// <summary>Every project gets its port up front, so references between them resolve before any starts.</summary>
    public void AssignPorts(IReadOnlyDictionary<string, int>? fixedPorts = null)
    {
        foreach (var project in manifest.Projects)
            _ports[project] = fixedPorts?.GetValueOrDefault(project) is > 0 and var port ? port : ServiceProcess.FreePort();
    }

    public Uri UrlOf(string project) => new($"http://127.0.0.1:{_ports[project]}");

    public Dictionary<string, string> EnvironmentFor(string project)
    {
        if (_ports.Count == 0) AssignPorts();
        var environment = new ManifestResolver(manifest, servers, _ports).EnvironmentFor(project);
        adjustEnvironment?.Invoke(project, environment);
        return environment;
    }

    public ServiceProcess Start(string project)
    {
        var process = Launch(project, _ports[project], $"{project}.log");
        _running[project] = process;
        return process;
    }

    /// <summary>
    /// Another instance of a running project, with the same wiring on a port of its own (as
    /// WithReplicas would run it). The caller owns and disposes it.
    /// </summary>
    public async Task<ServiceProcess> StartReplicaAsync(string project, TimeSpan healthTimeout)
    {
        var replica = Launch(project, ServiceProcess.FreePort(), $"{project}-replica-{Guid.NewGuid():N}.log");
        await replica.WaitHealthyAsync(healthTimeout);
        return replica;
    }

    private ServiceProcess Launch(string project, int port, string logName)
    {
        var environment = EnvironmentFor(project);
        var projectName = Path.GetFileNameWithoutExtension(manifest.ProjectPath(project));
        // A benchmark may run a published build instead (DEXEL_ASSEMBLY_gateway=/path/Dexel.Gateway.dll).
        var assembly = Environment.GetEnvironmentVariable($"DEXEL_ASSEMBLY_{project}")
            ?? Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "bin", projectName, configuration ?? AppHostModel.Configuration, projectName + ".dll");
        return ServiceProcess.Start(project, assembly, port, environment, Path.Combine(logDirectory, logName));
    }

    public async Task StartAllAsync(IEnumerable<string> projects, TimeSpan healthTimeout, CancellationToken cancellationToken = default)
    {
        var started = projects.Select(Start).ToList();
        await Task.WhenAll(started.Select(process => process.WaitHealthyAsync(healthTimeout, cancellationToken)));
    }

    public async Task StopAsync(string project)
    {
        if (_running.Remove(project, out var process)) await process.DisposeAsync();
    }

    public async Task ShutDownAsync(string project, TimeSpan grace)
    {
        if (!_running.Remove(project, out var process)) return;
        await process.ShutDownAsync(grace);
        await process.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_running.Values.Select(process => process.DisposeAsync().AsTask()));
        _running.Clear();
    }
}
