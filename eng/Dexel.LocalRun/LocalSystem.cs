namespace Dexel.LocalRun;

/// <summary>
/// Starts a set of the manifest's projects as processes, each with the environment the
/// manifest gives it, and stops them together. <paramref name="adjustEnvironment"/> lets a
/// test fixture change what a real deployment would not (a private database name, say).
/// </summary>
public sealed class LocalSystem(
    AspireManifest manifest,
    LocalServers servers,
    string logDirectory,
    string configuration = "debug",
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
        var environment = EnvironmentFor(project);
        var projectName = Path.GetFileNameWithoutExtension(manifest.ProjectPath(project));
        var assembly = Path.Combine(manifest.Directory, "artifacts", "bin", projectName, configuration, projectName + ".dll");
        var process = ServiceProcess.Start(project, assembly, _ports[project], environment,
            Path.Combine(logDirectory, $"{project}.log"));
        _running[project] = process;
        return process;
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

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_running.Values.Select(process => process.DisposeAsync().AsTask()));
        _running.Clear();
    }
}
