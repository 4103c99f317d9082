using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dexel.Web.Tests;

/// <summary>Another listener's page: their name, how many follow them, and following them from there.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ProfileTests(WebAppFixture app)
{
    [Fact]
    public async Task A_profile_shows_the_listeners_name_and_a_follow_counts_at_once()
    {
        var star = await app.RegisterAsync(displayName: "Profile Star");
        // The playlist service learns of new accounts from user.registered; the page asks it.
        using (var client = app.CreateClient(star))
            await Eventually.TrueAsync(async () => (await client.GetAsync($"/api/v1/users/{star.UserId}")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30), "the playlist service should know the new account");
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserPages.RegisterAsync(page, "Profile Fan");

        await page.GotoAsync($"users/{star.UserId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Profile Star", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Followers (0)" })).ToBeVisibleAsync();

        var follow = page.GetByRole(AriaRole.Button, new() { Name = "Follow" });
        await Expect(follow).ToHaveAttributeAsync("aria-pressed", "false");
        await follow.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Followers (1)" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Following" })).ToHaveAttributeAsync("aria-pressed", "true");
    }
}
