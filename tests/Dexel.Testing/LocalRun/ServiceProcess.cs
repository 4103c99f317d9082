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
        var service = new ServiceProcess(name, url, process, log, logPath);
        // eng/test.sh looks for this line to show CI why a service vanished under a failed test.
        process.Exited += (_, _) =>
        {
            if (!service._stopping) WriteLine(log, $"{ExitedByItself}: {name}, code {process.ExitCode}, at {DateTime.UtcNow:O}");
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    private const string ExitedByItself = "[dexel-test] exited by itself";
    private volatile bool _stopping;

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

    /// <summary>
    /// Asks the service to shut down as a deployment does (SIGTERM: it finishes what it holds, commits
    /// its Kafka offsets, leaves its consumer groups), and kills it if it has not exited within grace.
    /// </summary>
    public async Task ShutDownAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        _stopping = true;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        using var deadline = new CancellationTokenSource(grace);
        try { await _process.WaitForExitAsync(deadline.Token); }
        catch (OperationCanceledException) { }
        await StopAsync();
    }

    /// <summary>Kills the service at once, as a crash would.</summary>
    public async Task StopAsync()
    {
        _stopping = true;
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

    /// <summary>
    /// A port nobody listens on, from below the kernel's ephemeral range. A port the kernel hands
    /// out for a listener on port 0 comes from that range, and once freed any outgoing connection
    /// (to Redis, Kafka, another service) can take it as its local port before the service binds
    /// it: CI met exactly that ("address already in use"). Ports handed out here are never handed
    /// out again by this process.
    /// </summary>
    public static int FreePort()
    {
        var (low, high) = Unreserved.Value;
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(low, high);
                if (!HandedOut.Add(port)) continue;
                try
                {
                    using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // Someone listens there already; try another.
                }
            }
        }
        throw new InvalidOperationException($"No free port between {low} and {high}.");
    }

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>Up to 12,000 ports just below the ephemeral range (32768–60999 on Linux unless configured).</summary>
    private static readonly Lazy<(int Low, int High)> Unreserved = new(() =>
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        var ephemeralStart = File.Exists(RangeFile) && int.TryParse(File.ReadAllText(RangeFile).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start)
            ? start
            : 32768;
        return (Math.Max(20000, ephemeralStart - 12000), Math.Max(20000 + 1000, ephemeralStart));
    });
}
