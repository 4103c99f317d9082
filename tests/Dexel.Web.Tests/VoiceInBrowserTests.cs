using System.Diagnostics.Metrics;
using Dexel.Speech;
using Dexel.Speech.Audio;
using Dexel.Speech.Tts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dexel.Web.Tests;

/// <summary>
/// The voice button for real: chromium's fake microphone plays a WAV that flite spoke, the app
/// streams it (AudioWorklet, 16-bit PCM) to the voice socket, shows the transcript and carries out
/// the directive; a typed command drives the player the same way.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class VoiceInBrowserTests(WebAppFixture app)
{
    [Fact]
    public async Task Saying_play_a_title_into_the_microphone_starts_that_track_and_typing_pause_pauses_it()
    {
        var (_, title) = await app.CatalogTrackAsync();
        var speech = Path.Combine(Path.GetTempPath(), $"dexel-say-{Guid.NewGuid():N}.wav");
        await File.WriteAllBytesAsync(speech, Speak($"play {title}"));
        try
        {
            await using var browser = await app.LaunchAsync("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-audio-capture={speech}");
            await using var context = await app.NewContextAsync(browser);
            var page = await context.NewPageAsync();
            var errors = BrowserPages.CollectErrors(page);
            var console = new List<string>();
            page.Console += (_, m) => console.Add($"{m.Type}: {m.Text}");
            await BrowserPages.RegisterAsync(page, "Voice Listener");

            await page.GetByRole(AriaRole.Button, new() { Name = "Talk to Dexel" }).ClickAsync();
            var panel = page.Locator(".voice-panel");
            await Expect(panel.GetByTestId("voice-reply").Or(panel.GetByRole(AriaRole.Alert))).ToBeVisibleAsync(new() { Timeout = 60_000 });
            var heard = await panel.InnerTextAsync();
            Assert.True(heard.Contains(title, StringComparison.OrdinalIgnoreCase), $"The app showed: {heard}\n{string.Join('\n', errors)}\n{string.Join('\n', console)}");
            await Expect(page.GetByTestId("now-playing-title")).ToHaveTextAsync(title, new() { Timeout = 60_000 });
            await BrowserPages.PlaysAsync(page, TimeSpan.FromSeconds(30));
            await Expect(page.GetByTestId("voice-reply")).Not.ToBeEmptyAsync();
            await BrowserPages.ScreenshotAsync(page, "voice");

            await page.GetByLabel("Type a command").FillAsync("pause");
            await page.GetByLabel("Type a command").PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true })).ToBeVisibleAsync();
            var paused = await BrowserPages.CurrentTimeAsync(page);
            await Task.Delay(1500);
            Assert.Equal(paused, await BrowserPages.CurrentTimeAsync(page), 2);
            Assert.Empty(errors);
        }
        finally { File.Delete(speech); }
    }

    /// <summary>
    /// The command as flite's "slt" voice says it, as 16 kHz WAV. Chromium starts the file when the
    /// page opens the microphone and loops it; the silence before it covers the socket's set-up.
    /// </summary>
    private static byte[] Speak(string text)
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var tts = new FliteTextToSpeechClient(new SpeechMetrics(meters.GetRequiredService<IMeterFactory>()), new AudioEncoder());
        var silence = new float[AudioClip.SampleRate];
        return AudioEncoder.ToWav(new AudioClip([.. silence, .. silence, .. silence, .. tts.Synthesize(text, "slt").Samples, .. silence, .. silence]));
    }
}
