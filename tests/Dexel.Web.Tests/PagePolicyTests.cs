namespace Dexel.Web.Tests;

/// <summary>
/// The app's page carries a Content Security Policy, and a real browser enforces it: a script
/// injected into the page does not run. Every other browser test fails on a console error, so a
/// policy that blocked the app's own scripts, WebAssembly, hls.js or the voice socket shows there.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PagePolicyTests(WebAppFixture app)
{
    [Fact]
    public async Task App_pages_carry_the_policy_and_API_answers_do_not()
    {
        using var client = app.CreateClient();
        foreach (var path in new[] { "/", "/playlists" })
        {
            using var page = await client.GetAsync(path);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self' 'wasm-unsafe-eval'", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        }

        using var problem = await client.GetAsync("/api/v1/no-such-route");
        Assert.False(problem.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task A_script_injected_into_the_page_does_not_run()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("signin");
        await page.GetByLabel("Email").WaitForAsync();

        var outcome = await page.EvaluateAsync<string>("""
            () => new Promise(resolve => {
                document.addEventListener('securitypolicyviolation', e => resolve('refused: ' + e.effectiveDirective), { once: true });
                const script = document.createElement('script');
                script.textContent = 'window.injected = true';
                document.body.appendChild(script);
                setTimeout(() => resolve(window.injected ? 'ran' : 'no report'), 2000);
            })
            """);

        Assert.Equal("refused: script-src-elem", outcome);
        Assert.Null(await page.EvaluateAsync<bool?>("() => window.injected ?? null"));
    }
}
