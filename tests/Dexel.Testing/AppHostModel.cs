using System.Diagnostics;

namespace Dexel.Testing;

/// <summary>
/// The AppHost's model as its manifest publisher writes it, generated afresh from the built
/// Dexel.AppHost for each test run: fixtures take their wiring from the AppHost itself.
/// </summary>
public static class AppHostModel
{
    /// <summary>The configuration the tests were built in (artifacts/bin/&lt;project&gt;/&lt;configuration&gt;/), which the services share.</summary>
    public static string Configuration => Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    public static AspireManifest Publish(string repositoryRoot)
    {
        var appHost = Path.Combine(repositoryRoot, "artifacts", "bin", "Dexel.AppHost", Configuration, "Dexel.AppHost.dll");
        if (!File.Exists(appHost))
            throw new FileNotFoundException($"{appHost} is missing: build Dexel.Ci.slnf (it includes the AppHost).");

        var output = Path.Combine(repositoryRoot, ".local", "model", Guid.NewGuid().ToString("N"), "aspire-manifest.json");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { appHost, "--publisher", "manifest", "--output-path", output }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The AppHost's manifest publisher did not finish in 60 s.");
        }
        if (process.ExitCode != 0 || !File.Exists(output))
            throw new InvalidOperationException($"The AppHost's manifest publisher failed ({process.ExitCode}): {log.Result}{errors.Result}");
        return AspireManifest.Load(output);
    }
}
