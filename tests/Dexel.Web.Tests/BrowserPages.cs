using Microsoft.Playwright;

namespace Dexel.Web.Tests;

/// <summary>What the tests do in a page over and over: sign up or in, read the player, keep a screenshot.</summary>
internal static class BrowserPages
{
    /// <summary>Creates an account through the register form; the app then shows the home page.</summary>
    public static async Task<string> RegisterAsync(IPage page, string displayName)
    {
        var email = $"web-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("register");
        await page.GetByLabel("Name").FillAsync(displayName);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DexelAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Good to hear you, {displayName}" })).ToBeVisibleAsync();
        return email;
    }

    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DexelAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Good to hear you" })).ToBeVisibleAsync();
    }

    public static Task<double> CurrentTimeAsync(IPage page) => page.EvaluateAsync<double>("document.getElementById('player-audio').currentTime");

    /// <summary>The audio element's clock really moves: at least a second of playback within the time given.</summary>
    public static async Task PlaysAsync(IPage page, TimeSpan within)
    {
        var start = await CurrentTimeAsync(page);
        await Eventually.TrueAsync(async () => await CurrentTimeAsync(page) > start + 1, within, "the audio element's currentTime should advance", TimeSpan.FromMilliseconds(250));
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(WebAppFixture.ScreenshotFolder, name + ".png"), FullPage = false });

    /// <summary>
    /// A WebAssembly or JavaScript failure shows as a console error; a test fails on any. An API
    /// answer the app expects and handles (a revoked link's 404) is logged by chromium too, and is not one.
    /// </summary>
    public static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }
}
