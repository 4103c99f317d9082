using System.Diagnostics;

namespace Dexel.Analytics.Tests;

/// <summary>A ClickHouse server of one test's own, which it can stop and start again on the same port and data.</summary>
public sealed class PrivateClickHouse : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dexel-clickhouse-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _process;

    public int HttpPort { get; } = ServiceProcess.FreePort();
    private int TcpPort { get; } = ServiceProcess.FreePort();

    public string ConnectionString => $"Host=127.0.0.1;Port={HttpPort};Username=default;Password=;Database=analytics";

    public async Task StartAsync()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "data"));
        File.WriteAllText(Path.Combine(_directory, "config.xml"), $"""
            <yandex>
              <logger><level>warning</level><log>{_directory}/server.log</log><errorlog>{_directory}/error.log</errorlog><console>0</console></logger>
              <listen_host>127.0.0.1</listen_host>
              <http_port>{HttpPort}</http_port>
              <tcp_port>{TcpPort}</tcp_port>
              <path>{_directory}/data/</path>
              <tmp_path>{_directory}/tmp/</tmp_path>
              <user_files_path>{_directory}/user_files/</user_files_path>
              <format_schema_path>{_directory}/format_schemas/</format_schema_path>
              <mark_cache_size>67108864</mark_cache_size>
              <users_config>{_directory}/users.xml</users_config>
              <default_profile>default</default_profile>
              <default_database>default</default_database>
            </yandex>
            """);
        File.WriteAllText(Path.Combine(_directory, "users.xml"), """
            <yandex>
              <profiles><default/></profiles>
              <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
              <quotas><default/></quotas>
            </yandex>
            """);
        var start = new ProcessStartInfo("clickhouse-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add($"--config-file={_directory}/config.xml");
        _process = Process.Start(start) ?? throw new InvalidOperationException("clickhouse-server did not start.");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"clickhouse-server exited: {File.ReadAllText(Path.Combine(_directory, "error.log"))}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{HttpPort}/ping")).IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The private ClickHouse did not answer within 30 s.");
    }

    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
