using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dexel.Testing;
using Microsoft.Playwright;

namespace Dexel.Streaming.Tests;

/// <summary>
/// hls.js, dash.js and Shaka Player (HLS and DASH) in Debian's chromium, on a page of another origin than the gateway, play
/// the track through the gateway: start, seek, reach the end. The page comes from a server of
/// its own on another loopback port (a page on a public address would meet chromium's local
/// network access block before CORS); the media requests are real cross-origin requests.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class BrowserPlaybackTests(StreamingFixture app)
{
    [Theory]
    [InlineData("hls")]
    [InlineData("dash")]
    [InlineData("shaka-hls")]
    [InlineData("shaka-dash")]
    public async Task A_player_on_another_origin_plays_seeks_and_reaches_the_end(string format)
    {
        var sample = await app.SampleAsync();
        await using var site = PlayerSite.Start();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
        });
        var page = await browser.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        await page.GotoAsync(site.Origin + "/");
        Assert.NotEqual(new Uri(site.Origin).Port, app.GatewayUrl.Port);

        var url = new Uri(app.GatewayUrl, format.EndsWith("hls") ? sample.Master : sample.Manifest).ToString();
        var json = await page.EvaluateAsync<string>("([kind, url]) => playThrough(kind, url)", new[] { format, url })
            .WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken); // real time, on a busy machine
        var result = JsonDocument.Parse(json).RootElement;

        Assert.True(result.GetProperty("outcome").GetString() == "ended", $"{result}\n{string.Join('\n', console)}");
        Assert.Contains("seek", result.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        Assert.InRange(result.GetProperty("duration").GetDouble(), MediaSample.Seconds - 0.1, MediaSample.Seconds + 0.1);
        Assert.InRange(result.GetProperty("currentTime").GetDouble(), MediaSample.Seconds - 0.1, MediaSample.Seconds + 0.1);
        if (format != "dash") Assert.Contains("levels:3", result.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    /// <summary>Serves the test page and the two players from 127.0.0.1 on a free port.</summary>
    private sealed class PlayerSite : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;

        private PlayerSite(int port)
        {
            Origin = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Origin + "/");
            _listener.Start();
            _serving = Task.Run(ServeAsync);
        }

        public string Origin { get; }

        public static PlayerSite Start()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new PlayerSite(port);
        }

        private async Task ServeAsync()
        {
            var players = Path.Combine(Path.GetDirectoryName(LocalServers.DefaultPath(TestEnvironment.RepositoryRoot))!, "players", "node_modules");
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { return; }
                var file = context.Request.Url!.AbsolutePath switch
                {
                    "/" => Path.Combine(AppContext.BaseDirectory, "player.html"),
                    "/hls.js" => Path.Combine(players, "hls.js", "dist", "hls.min.js"),
                    "/dash.js" => Path.Combine(players, "dashjs", "dist", "modern", "umd", "dash.all.min.js"),
                    "/shaka.js" => Path.Combine(players, "shaka-player", "dist", "shaka-player.compiled.js"),
                    _ => null,
                };
                using var response = context.Response;
                if (file is null) { response.StatusCode = 404; continue; }
                response.ContentType = file.EndsWith(".html") ? "text/html" : "text/javascript";
                await using var content = File.OpenRead(file);
                await content.CopyToAsync(response.OutputStream);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Close();
            await _serving.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
