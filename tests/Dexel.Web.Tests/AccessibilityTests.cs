using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dexel.Web.Tests;

/// <summary>
/// The main pages as axe-core sees them (no serious or critical violation), and on a phone-sized
/// screen (nothing wider than the screen, the player still there).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class AccessibilityTests(WebAppFixture app)
{
    private static readonly string[] MainPages = ["", "search?q=velvet", "playlists", "liked", "upload", "stats"];

    [Fact]
    public async Task The_main_pages_have_no_serious_or_critical_axe_violations()
    {
        await app.CatalogTrackAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("signin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        var findings = new List<string>(await SeriousViolationsAsync(page, "signin"));
        await BrowserPages.RegisterAsync(page, "Accessible Listener");
        foreach (var path in MainPages)
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            findings.AddRange(await SeriousViolationsAsync(page, path));
        }
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public async Task On_a_phone_sized_screen_nothing_is_wider_than_the_screen()
    {
        await app.CatalogTrackAsync();
        await using var context = await app.NewContextAsync(width: 390, height: 844);
        var page = await context.NewPageAsync();
        await BrowserPages.RegisterAsync(page, "Phone Listener");
        foreach (var path in new[] { "", "search?q=velvet", "playlists", "stats" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"/{path} is {overflow} px wider than a 390 px screen");
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Player" })).ToBeVisibleAsync();
        }
        await page.GotoAsync("search?q=velvet");
        await Expect(page.Locator(".tracks .title").First).ToBeVisibleAsync();
        await BrowserPages.ScreenshotAsync(page, "phone");
    }

    private static async Task<IEnumerable<string>> SeriousViolationsAsync(IPage page, string path)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"/{path}: {v.Impact} {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Html))}");
    }
}
