using System.Diagnostics;
using System.Text;

namespace Dexel.Streaming.Application.Transcoding;

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The first line of stderr: ffmpeg's most telling message, short enough for a user.</summary>
    public string FirstErrorLine =>
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {ExitCode}";
}

/// <summary>Runs ffmpeg-family tools with an argument list (never a shell string) and a time limit.</summary>
public sealed class ProcessRunner(ILogger<ProcessRunner> logger)
{
    private const int MaxCapturedChars = 64 * 1024;

    public async Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = CaptureAsync(process.StandardOutput);
        var stderr = CaptureAsync(process.StandardError);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // A hung or abandoned encoder must not outlive its job.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new TimeoutException($"{Path.GetFileName(fileName)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        var result = new ProcessResult(process.ExitCode, await stdout, await stderr);
        if (result.ExitCode != 0)
            logger.LogDebug("{Tool} exited with {ExitCode}: {Error}", fileName, result.ExitCode, result.FirstErrorLine);
        return result;
    }

    // Reads to the end so the pipe never fills and blocks the child, keeping only the start.
    private static async Task<string> CaptureAsync(StreamReader reader)
    {
        var captured = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (captured.Length < MaxCapturedChars) captured.Append(buffer, 0, Math.Min(read, MaxCapturedChars - captured.Length));
        }
        return captured.ToString();
    }
}
