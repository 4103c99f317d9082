using System.Runtime.InteropServices;
using System.Text.Json;
using Dexel.Testing;

// Usage: SystemHost <info.json> <service,service,...> [service:Key=Value ...]
// e.g. SystemHost /tmp/info.json auth,gateway gateway:RateLimiting__FreePerMinute=100000000
// Writes {"urls": {service: url}, "logs": {service: path}, "bucket": ..., "suffix": ...} once every
// service is healthy, then waits for SIGTERM or SIGINT and stops the services, the private Kafka
// cluster and drops the private databases.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: SystemHost <info.json> <service,...> [service:Key=Value ...]");
    return 2;
}

var services = args[1].Split(',', StringSplitOptions.RemoveEmptyEntries);
var settings = args.Skip(2).Select(ParseSetting).ToList();
await using var system = new BenchSystem(services, settings);
using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });

await system.InitializeAsync();
var info = new
{
    urls = services.ToDictionary(s => s, s => system.System.UrlOf(s).ToString().TrimEnd('/')),
    logs = system.System.Services.ToDictionary(p => p.Key, p => p.Value.LogPath),
    bucket = $"dexel-test-{system.Suffix}",
    suffix = system.Suffix,
};
var temporary = args[0] + ".tmp";
await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(info));
File.Move(temporary, args[0], overwrite: true);
Console.WriteLine($"ready: {string.Join(", ", info.urls.Select(u => $"{u.Key} {u.Value}"))}");

try { await Task.Delay(Timeout.Infinite, stop.Token); }
catch (OperationCanceledException) { }
Console.WriteLine("stopping");
return 0;

static (string Service, string Key, string Value) ParseSetting(string argument)
{
    var service = argument[..argument.IndexOf(':')];
    var assignment = argument[(service.Length + 1)..];
    var equals = assignment.IndexOf('=');
    return (service, assignment[..equals], assignment[(equals + 1)..]);
}

/// <summary>The listed services as the tests start them, plus the benchmark's own settings (raised limits).</summary>
internal sealed class BenchSystem(IReadOnlyList<string> services, IReadOnlyList<(string Service, string Key, string Value)> settings) : DexelAppFixture
{
    protected override IReadOnlyList<string> ServicesToStart => services;

    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        // Per-request logs would cost more than the requests measured.
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (target, key, value) in settings)
            if (target == service || target == "*") environment[key] = value;
    }
}
