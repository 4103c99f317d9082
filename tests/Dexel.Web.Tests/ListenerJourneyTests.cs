using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dexel.Web.Tests;

/// <summary>
/// A listener's day in the web app, in chromium, through the gateway like any client: register,
/// upload two files and watch them become ready, search, play (the audio clock moves, a forced
/// rendition switch happens), build a playlist from search, reorder it by dragging, share it and
/// open the link signed out, revoke it, like a track, and find the play in their stats.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ListenerJourneyTests(WebAppFixture app)
{
    [Fact]
    public async Task A_listener_uploads_plays_organizes_shares_likes_and_sees_the_play_in_stats()
    {
        var word = $"Kestrel{Guid.NewGuid():N}"[..14];
        string first = $"{word} Dawn", second = $"{word} Dusk";
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = BrowserPages.CollectErrors(page);
        await BrowserPages.RegisterAsync(page, "Web Listener");

        // Upload: two files at once, each with a progress bar, then processing until ready.
        var folder = Directory.CreateTempSubdirectory("dexel-web-");
        try
        {
            ToneUploads.WriteTone(Path.Combine(folder.FullName, "dawn.wav"), 24, 330);
            ToneUploads.WriteTone(Path.Combine(folder.FullName, "dusk.wav"), 24, 523);
            await page.GetByRole(AriaRole.Link, new() { Name = "Upload" }).ClickAsync();
            await page.Locator("input[type=file]").SetInputFilesAsync([Path.Combine(folder.FullName, "dawn.wav"), Path.Combine(folder.FullName, "dusk.wav")]);
            await page.GetByLabel("Title of dawn.wav").FillAsync(first);
            await page.GetByLabel("Title of dusk.wav").FillAsync(second);
            await page.GetByLabel("Artist").FillAsync("Harbor Ensemble");
            await page.GetByLabel("Genre").FillAsync("Jazz");
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("upload-status")).ToHaveTextAsync(["ready", "ready"], new() { Timeout = 180_000 });
            await Expect(page.GetByLabel($"Upload of {first}")).ToHaveAttributeAsync("value", "1");
            await BrowserPages.ScreenshotAsync(page, "upload");
        }
        finally { folder.Delete(recursive: true); }

        // Search as you type, then play: the audio element's clock moves.
        await page.GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.GetByLabel("Search tracks, artists and albums").PressSequentiallyAsync(word);
        await Expect(page.Locator(".tracks .title")).ToHaveCountAsync(2);
        await Expect(page.Locator(".tracks .title", new() { HasText = second })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Play {first}" }).ClickAsync();
        await Expect(page.GetByTestId("now-playing-title")).ToHaveTextAsync(first);
        await BrowserPages.PlaysAsync(page, TimeSpan.FromSeconds(30));

        // Three renditions; forcing one switches to it, whatever automatic switching chose.
        var quality = page.GetByLabel("Quality");
        await Expect(quality.Locator("option")).ToHaveCountAsync(4);
        await quality.SelectOptionAsync("0");
        await Expect(page.GetByTestId("rendition")).ToHaveTextAsync("64 kbps");
        await quality.SelectOptionAsync("2");
        await Expect(page.GetByTestId("rendition")).ToHaveTextAsync("256 kbps");
        await BrowserPages.PlaysAsync(page, TimeSpan.FromSeconds(30));
        await BrowserPages.ScreenshotAsync(page, "search-and-player");

        // The keyboard: space pauses and resumes (outside form fields).
        await page.Locator("main h1").ClickAsync();
        await page.Keyboard.PressAsync(" ");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync(" ");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true })).ToBeVisibleAsync();

        // A playlist, filled from the search results.
        await page.GetByRole(AriaRole.Link, new() { Name = "Playlists" }).ClickAsync();
        await page.GetByLabel("New playlist").FillAsync($"Mornings {word}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Mornings {word}" })).ToBeVisibleAsync();
        var playlistUrl = page.Url;
        await page.GotoAsync($"search?q={word}");
        foreach (var title in new[] { first, second })
        {
            await page.GetByLabel($"Add {title} to a playlist").SelectOptionAsync(new SelectOptionValue { Label = $"Mornings {word}" });
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Added {title} to Mornings {word}.");
        }

        // Reorder by dragging the second track above the first; the server keeps the new order.
        await page.GotoAsync(playlistUrl);
        var entries = page.Locator(".playlist-entries .title");
        await Expect(entries).ToHaveTextAsync([first, second]);
        var staleTab = await context.NewPageAsync();
        await staleTab.GotoAsync(playlistUrl);
        await Expect(staleTab.Locator(".playlist-entries .title")).ToHaveTextAsync([first, second]);
        await page.Locator(".playlist-entries li").Nth(1).DragToAsync(page.Locator(".playlist-entries li").Nth(0));
        await Expect(entries).ToHaveTextAsync([second, first]);
        await page.ReloadAsync();
        await Expect(entries).ToHaveTextAsync([second, first]);

        // The other tab still shows the old order: its move meets the version check and reloads.
        await staleTab.GetByRole(AriaRole.Button, new() { Name = $"Move {first} down" }).ClickAsync();
        await Expect(staleTab.GetByRole(AriaRole.Status)).ToContainTextAsync("changed somewhere else");
        await Expect(staleTab.Locator(".playlist-entries .title")).ToHaveTextAsync([second, first]);
        await staleTab.CloseAsync();

        // Share: the link opens signed out, in another browser profile; revoked, it stops working.
        await page.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        var shareUrl = await page.GetByTestId("share-url").InputValueAsync();
        await BrowserPages.ScreenshotAsync(page, "playlist");
        await using (var stranger = await app.NewContextAsync())
        {
            var guest = await stranger.NewPageAsync();
            await guest.GotoAsync(shareUrl);
            await Expect(guest.GetByRole(AriaRole.Heading, new() { Name = $"Mornings {word}" })).ToBeVisibleAsync();
            await Expect(guest.Locator(".tracks .title")).ToHaveTextAsync([second, first]);
            await Expect(guest.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The link no longer works.");
            await guest.ReloadAsync();
            await Expect(guest.GetByRole(AriaRole.Alert)).ToContainTextAsync("does not work any more");
        }

        // Like from the track's page; it shows among liked songs.
        await page.GetByRole(AriaRole.Link, new() { Name = first }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "♡ Like" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "♥ Liked" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByRole(AriaRole.Link, new() { Name = "Liked", Exact = true }).ClickAsync();
        await Expect(page.Locator(".tracks .title")).ToHaveTextAsync([first]);

        // The play reaches the listener's stats (ClickHouse, through analytics) and the home page.
        await page.GetByRole(AriaRole.Link, new() { Name = "My stats" }).ClickAsync();
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            var plays = page.GetByTestId("plays");
            await plays.WaitForAsync();
            return await plays.InnerTextAsync() != "0";
        }, TimeSpan.FromSeconds(60), "the play should show in the listener's stats", TimeSpan.FromSeconds(2));
        await Expect(page.Locator(".tracks .title").First).ToHaveTextAsync(first);
        await BrowserPages.ScreenshotAsync(page, "stats");
        await page.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Recently played" }).Locator(".title").First).ToHaveTextAsync(first);
        await BrowserPages.ScreenshotAsync(page, "home");

        Assert.Empty(errors);
    }
}
