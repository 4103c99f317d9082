using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

// Usage: WebBench <info.json from SystemHost> [rounds]
// Signs a listener in once, then per round: a fresh browser profile holding only the stored session
// (cold cache) opens /, and the same page reloads (warm cache). Each time is the page's own clock
// (performance.now(), from navigation start) when the home page has rendered every shelf.
var info = JsonDocument.Parse(await File.ReadAllTextAsync(args[0])).RootElement;
var gateway = new Uri(info.GetProperty("urls").GetProperty("gateway").GetString()! + "/");
var rounds = args.Length > 1 ? int.Parse(args[1]) : 10;

using var http = new HttpClient { BaseAddress = gateway };
var email = $"bench-{Guid.NewGuid():N}@example.com";
const string password = "correct horse battery";
(await http.PostAsJsonAsync("api/v1/auth/register", new { email, password, displayName = "Bench" })).EnsureSuccessStatusCode();

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"] });
string session;
await using (var signIn = await browser.NewContextAsync(new() { BaseURL = gateway.ToString() }))
{
    var page = await signIn.NewPageAsync();
    page.Console += (_, message) => { if (message.Type == "error") Console.Error.WriteLine($"browser: {message.Text}"); };
    page.PageError += (_, error) => Console.Error.WriteLine($"browser: {error}");
    await page.GotoAsync("signin");
    await page.GetByLabel("Email").FillAsync(email);
    await page.GetByLabel("Password").FillAsync(password);
    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    await ReadyAsync(page);
    session = await signIn.StorageStateAsync();
}

const string Ready = """
    () => {
      const shelves = [...document.querySelectorAll('.shelf')];
      const done = document.querySelector('main h1')?.textContent?.startsWith('Good to hear')
        && shelves.length >= 5 && !shelves.some(s => s.textContent.includes('Loading…'));
      return done ? performance.now() : null;
    }
    """;
const string Bytes = "() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).reduce((sum, e) => sum + e.transferSize, 0)";

var cold = new List<double>();
var warm = new List<double>();
var coldBytes = new List<double>();
for (var round = 0; round < rounds; round++)
{
    await using var context = await browser.NewContextAsync(new() { BaseURL = gateway.ToString(), StorageState = session });
    var page = await context.NewPageAsync();
    await page.GotoAsync("/");
    cold.Add(await ReadyAsync(page));
    coldBytes.Add(await page.EvaluateAsync<double>(Bytes));
    await page.ReloadAsync();
    warm.Add(await ReadyAsync(page));
}

Console.WriteLine($"Navigation to an interactive home page, {rounds} rounds (ms from navigation start, chromium, loopback):");
Console.WriteLine($"  cold cache: {Summary(cold)}; transferred {coldBytes.Average() / 1024 / 1024:0.00} MB");
Console.WriteLine($"  warm cache: {Summary(warm)}");
return 0;

static async Task<double> ReadyAsync(IPage page) =>
    (await page.WaitForFunctionAsync(Ready, null, new() { Timeout = 60_000, PollingInterval = 10 })).JsonValueAsync<double>().Result;

static string Summary(List<double> times)
{
    var sorted = times.Order().ToList();
    double At(double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(q * (sorted.Count - 1)))];
    return $"median {At(0.5):0} ms, p90 {At(0.9):0} ms, min {sorted[0]:0}, max {sorted[^1]:0}";
}
