using Microsoft.Playwright;

namespace Dexel.Web.Tests;

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web-app";
}

/// <summary>The whole system, and one chromium (Debian's, never a downloaded one) for the tests to open pages in.</summary>
public sealed class WebAppFixture : DexelAppFixture
{
    public static readonly string[] Chromium = ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--mute-audio"];

    protected override IReadOnlyList<string> ServicesToStart => EveryService;

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// Where the tests leave screenshots of the main pages: artifacts/screenshots/web, or
    /// DEXEL_SCREENSHOT_DIR (docs/images/web to refresh the README's).
    /// </summary>
    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("DEXEL_SCREENSHOT_DIR") is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "screenshots", "web");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Assertions.SetDefaultExpectTimeout(30_000); // a debug WebAssembly app starting on a busy machine
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await LaunchAsync();
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>One ready track in the catalog, uploaded once by its own artist, for the tests that only play.</summary>
    public Task<(Guid Id, string Title)> CatalogTrackAsync() => _catalogTrack ??= UploadCatalogTrackAsync();

    private Task<(Guid Id, string Title)>? _catalogTrack;

    private async Task<(Guid Id, string Title)> UploadCatalogTrackAsync()
    {
        const string title = "Velvet Morning";
        using var artist = CreateClient(await RegisterAsync(displayName: "Nova Quartet"));
        var id = await ToneUploads.UploadAsync(artist, title, "Nova Quartet", seconds: 20, frequency: 330, genre: "Jazz");
        await ToneUploads.WaitReadyAsync(artist, id);
        return (id, title);
    }

    public Task<IBrowser> LaunchAsync(params string[] extraArguments) =>
        Playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = [.. Chromium, .. extraArguments] });

    /// <summary>A fresh browser profile (no stored session) with the gateway as its base address.</summary>
    public Task<IBrowserContext> NewContextAsync(IBrowser? browser = null, int width = 1280, int height = 860) =>
        (browser ?? Browser).NewContextAsync(new()
        {
            BaseURL = GatewayUrl.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Permissions = ["microphone", "clipboard-read", "clipboard-write"],
        });

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        await base.DisposeAsync();
    }
}
