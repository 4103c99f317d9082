using System.Diagnostics;

namespace Dexel.Streaming.Tests;

/// <summary>Audio files made on the spot with ffmpeg, in a temp folder removed at the end.</summary>
public sealed class TestAudio : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("dexel-streaming-tests-").FullName;

    /// <param name="bitrate">For lossy formats, e.g. "32k" to keep a long tone small.</param>
    public string Tone(double seconds, int frequency = 440, string extension = "wav", string? bitrate = null)
    {
        var path = Path.Combine(Directory, $"tone-{frequency}-{seconds}-{Guid.NewGuid():N}.{extension}");
        string[] quality = bitrate is null ? [] : ["-b:a", bitrate];
        Ffmpeg(["-f", "lavfi", "-i", $"sine=frequency={frequency}:duration={seconds}", "-ac", "2", "-ar", "44100", .. quality, path]);
        return path;
    }

    /// <summary>Pink noise that turns loud and quiet every 4 s, so segments differ in size as music's do.</summary>
    public string Noise(double seconds)
    {
        var path = Path.Combine(Directory, $"noise-{seconds}-{Guid.NewGuid():N}.wav");
        Ffmpeg(["-f", "lavfi", "-i", $"anoisesrc=duration={seconds}:color=pink:amplitude=0.5:seed=7",
            "-af", "volume='if(lt(mod(t,8),4),1,0.02)':eval=frame", "-ac", "2", "-ar", "44100", path]);
        return path;
    }

    public string Convert(string source, string extension)
    {
        var path = Path.ChangeExtension(source, extension);
        Ffmpeg("-i", source, path);
        return path;
    }

    public string Bytes(string name, byte[] content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static string Run(string tool, params string[] arguments) => RunWithErrors(tool, arguments).Output;

    /// <summary>Runs a tool to completion (at most two minutes), asserting success; returns stdout and stderr.</summary>
    public static (string Output, string Errors) RunWithErrors(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} did not finish within two minutes");
        }
        Assert.True(process.ExitCode == 0, $"{tool} failed: {stderr.Result}");
        return (stdout.Result, stderr.Result);
    }

    private static void Ffmpeg(params string[] arguments) => Run("ffmpeg", ["-nostdin", "-v", "error", "-y", .. arguments]);

    // A fixture that fails to start is disposed twice (by itself, then by xunit).
    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
