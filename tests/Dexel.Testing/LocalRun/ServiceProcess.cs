using System.Diagnostics;
using System.Net.Sockets;

namespace Dexel.Testing;

/// <summary>One service running as a child process on loopback, its output going to a log file.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServiceProcess(string name, Uri url, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        Url = url;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }
    public Uri Url { get; }
    public string LogPath { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    public static ServiceProcess Start(string name, string assemblyPath, int port, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        if (!File.Exists(assemblyPath))
            throw new FileNotFoundException($"{name} is not built: {assemblyPath} is missing. Run 'dotnet build Dexel.Ci.slnf' first.");

        var url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assemblyPath);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["ASPNETCORE_URLS"] = url.ToString();
        start.Environment.Remove("HTTP_PORTS");
        start.Environment.TryAdd("ASPNETCORE_ENVIRONMENT", "Development");
        start.Environment.TryAdd("OTEL_SERVICE_NAME", name);

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => WriteLine(log, line.Data);
        process.ErrorDataReceived += (_, line) => WriteLine(log, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(name, url, process, log, logPath);
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }

    /// <summary>Waits until /health answers 200 (Healthy or Degraded), failing fast if the process dies.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting; see {LogPath}.");
            try
            {
                using var response = await Probe.GetAsync(new Uri(Url, "/health"), cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"{Name} was not healthy after {timeout.TotalSeconds:0}s; see {LogPath}.");
    }

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
