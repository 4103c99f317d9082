using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dexel.Web.Tests;

/// <summary>The admin's live dashboard follows the server-sent events stream: a play shows within seconds.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AdminDashboardTests(WebAppFixture app)
{
    [Fact]
    public async Task A_play_anywhere_shows_on_the_live_dashboard()
    {
        var (track, _) = await app.CatalogTrackAsync();
        var admin = await app.RegisterAdminAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = BrowserPages.CollectErrors(page);
        await BrowserPages.SignInAsync(page, admin.Email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        var plays = page.GetByTestId("plays-last-minute");
        await Expect(plays).ToBeVisibleAsync();
        var before = long.Parse(await plays.InnerTextAsync());

        using var listener = app.CreateClient(await app.RegisterAsync(displayName: "Somewhere"));
        (await listener.PostAsJsonAsync("/api/v1/playback/events", new { trackId = track, type = "started", positionMs = 0 })).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(async () => long.Parse(await plays.InnerTextAsync()) > before, TimeSpan.FromSeconds(20),
            "the dashboard should show the play from the live stream, without a reload", TimeSpan.FromMilliseconds(250));
        await BrowserPages.ScreenshotAsync(page, "dashboard");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_listener_sees_no_dashboard_link_and_the_page_says_it_is_not_for_them()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserPages.RegisterAsync(page, "Curious Listener");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToHaveCountAsync(0);
        await page.GotoAsync("admin");
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
    }
}
