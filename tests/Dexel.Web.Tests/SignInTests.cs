using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dexel.Web.Tests;

/// <summary>Signing in, out and back, with errors in words a person reads, and the session kept across reloads.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SignInTests(WebAppFixture app)
{
    [Fact]
    public async Task A_wrong_password_is_explained_and_a_right_one_signs_in_and_survives_a_reload()
    {
        var listener = await app.RegisterAsync(displayName: "Returning Listener");
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("playlists");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync(listener.Email);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToBeVisibleAsync();
        Assert.DoesNotMatch(@"^\s*$|\b40\d\b|Exception", await alert.InnerTextAsync());

        await page.GetByLabel("Password").FillAsync(DexelAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Playlists" })).ToBeVisibleAsync(); // back where they were going
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Playlists" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("playlists");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Registering_a_taken_email_says_so()
    {
        var taken = await app.RegisterAsync(displayName: "First");
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("register");
        await page.GetByLabel("Name").FillAsync("Second");
        await page.GetByLabel("Email").FillAsync(taken.Email);
        await page.GetByLabel("Password").FillAsync(DexelAppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("exists");
    }
}
