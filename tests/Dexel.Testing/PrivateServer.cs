using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dexel.Testing;

/// <summary>
/// A server process of a test's own, for tests that stop, pause, kill or restart a dependency
/// without disturbing other tests: a Redis or a Postgres on a free port, or a librdkafka mock
/// Kafka cluster. Redis and Postgres keep their data in a folder of their own across restarts.
/// </summary>
public sealed partial class PrivateServer : IAsyncDisposable
{
    private readonly string[] _command;
    private readonly string? _directory;
    private Process _process;

    private PrivateServer(Process process, string[] command, string? directory, ServerAddress address, string connectionString)
    {
        _process = process;
        _command = command;
        _directory = directory;
        Address = address;
        ConnectionString = connectionString;
    }

    public ServerAddress Address { get; }
    public string ConnectionString { get; }

    /// <summary>With an append-only file as eng/servers.sh and the AppHost configure theirs, so a restart keeps the data.</summary>
    public static async Task<PrivateServer> StartRedisAsync()
    {
        var port = ServiceProcess.FreePort();
        var directory = Directory.CreateTempSubdirectory("dexel-redis-").FullName;
        string[] command = ["redis-server", "--bind", "127.0.0.1", "--port", port.ToString(), "--dir", directory,
            "--save", "", "--appendonly", "yes", "--appendfsync", "everysec"];
        var process = StartDrained(command);
        var address = new ServerAddress("127.0.0.1", port);
        await WaitForPortAsync(address, process);
        return new PrivateServer(process, command, directory, address, $"127.0.0.1:{port}");
    }

    /// <summary>
    /// A Postgres cluster of its own (initdb, about two seconds), trusting local connections;
    /// its connection string names no database. The server runs as the postgres user through
    /// setpriv, which execs, so signals reach the postmaster itself.
    /// </summary>
    public static async Task<PrivateServer> StartPostgresAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => int.Parse(Path.GetFileName(d))).Last() + "/bin";
        var directory = Directory.CreateTempSubdirectory("dexel-postgres-").FullName;
        await RunAsync("chown", "postgres:postgres", directory);
        string[] asPostgres = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"];
        await RunAsync([.. asPostgres, $"{bin}/initdb", "-D", $"{directory}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
        var port = ServiceProcess.FreePort();
        string[] command = [.. asPostgres, $"{bin}/postgres", "-D", $"{directory}/data", "-p", port.ToString(), "-k", directory,
            // Commits reach the WAL before they are acknowledged, so a killed server loses none (fsync only guards against the OS crashing).
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"];
        var process = StartDrained(command);
        var address = new ServerAddress("127.0.0.1", port);
        await WaitForPortAsync(address, process);
        return new PrivateServer(process, command, directory, address, $"Host=127.0.0.1;Port={port};Username=postgres;Password=trusted");
    }

    /// <summary>Starts a server stopped by <see cref="StopAsync"/> again, on the same port with the same data.</summary>
    public async Task StartAgainAsync()
    {
        if (!_process.HasExited) return;
        if (_command.Length == 0) throw new InvalidOperationException("The mock Kafka cluster picks new ports on every start; it cannot be started again.");
        _process.Dispose();
        _process = StartDrained(_command);
        await WaitForPortAsync(Address, _process);
    }

    /// <summary>A 3-broker mock cluster; topics auto-create. Its bootstrap list is the connection string.</summary>
    public static async Task<PrivateServer> StartKafkaAsync()
    {
        var process = Start("kcat", "-C", "-b", "ignored:9092", "-t", "__keepalive", "-X", "test.mock.num.brokers=3", "-q");
        var bootstrap = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null && MockClusterLine().Match(line.Data) is { Success: true } match)
                bootstrap.TrySetResult(match.Groups[1].Value);
        };
        process.BeginErrorReadLine();
        var brokers = await bootstrap.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var first = brokers.Split(',')[0].Split(':');
        return new PrivateServer(process, [], null, new ServerAddress(first[0], int.Parse(first[1])), brokers);
    }

    [GeneratedRegex(@"replaced with ([0-9\.:,]+)")]
    private static partial Regex MockClusterLine();

    /// <summary>Freezes the server (SIGSTOP): connections hang as in a network outage, and no state is lost.</summary>
    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        Resume();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        if (_directory is not null && Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {_process.Id}");
        kill.WaitForExit();
    }

    private static Process Start(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
    }

    /// <summary>Output read and dropped, so a chatty server never blocks on a full pipe.</summary>
    private static Process StartDrained(string[] command)
    {
        var process = Start(command[0], command[1..]);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunAsync(params string[] command)
    {
        using var process = Start(command[0], command[1..]);
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', command)} failed: {await errors}");
    }

    private static async Task WaitForPortAsync(ServerAddress address, Process process)
    {
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"{process.StartInfo.FileName} exited at once.");
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(address.Host, address.Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"{process.StartInfo.FileName} did not listen on {address.Port}.");
    }
}
