using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dexel.Testing;

/// <summary>
/// A server process of a test's own, for tests that stop, pause or break a dependency without
/// disturbing other tests: a Redis on a free port, or a librdkafka mock Kafka cluster.
/// </summary>
public sealed partial class PrivateServer : IAsyncDisposable
{
    private readonly Process _process;

    private PrivateServer(Process process, ServerAddress address, string connectionString)
    {
        _process = process;
        Address = address;
        ConnectionString = connectionString;
    }

    public ServerAddress Address { get; }
    public string ConnectionString { get; }

    public static async Task<PrivateServer> StartRedisAsync()
    {
        var port = ServiceProcess.FreePort();
        var process = Start("redis-server", "--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no");
        var address = new ServerAddress("127.0.0.1", port);
        await WaitForPortAsync(address, process);
        return new PrivateServer(process, address, $"127.0.0.1:{port}");
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
        return new PrivateServer(process, new ServerAddress(first[0], int.Parse(first[1])), brokers);
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
