using System.Net;
using System.Net.Http.Json;
using Dexel.Testing;

namespace Dexel.Auth.Tests;

public sealed class RateLimitTests(AuthFixture app) : IClassFixture<AuthFixture>
{
    [Fact]
    public async Task The_101st_request_of_a_minute_on_free_is_429_while_premium_passes()
    {
        var free = await app.RegisterAsync();
        var premium = await PremiumAsync();
        using var freeClient = app.CreateAuthorizedClient(free.AccessToken);
        using var premiumClient = app.CreateAuthorizedClient(premium.AccessToken);
        await AwaitFreshWindowAsync(freeClient);

        var freeStatuses = await SendAsync(freeClient, 101);
        var premiumStatuses = await SendAsync(premiumClient, 101);

        Assert.All(freeStatuses.Take(99), status => Assert.Equal(HttpStatusCode.OK, status)); // one was spent above
        Assert.Equal(HttpStatusCode.TooManyRequests, freeStatuses[^1]);
        Assert.All(premiumStatuses, status => Assert.Equal(HttpStatusCode.OK, status));

        using var limited = await freeClient.GetAsync("/api/v1/users/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Equal("100", limited.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal("0", limited.Headers.GetValues("RateLimit-Remaining").Single());
    }

    [Fact]
    public async Task Signed_media_spends_a_budget_of_its_own_not_the_anonymous_one()
    {
        using var client = app.CreateClient();
        // The streaming service is not running here: the budget is spent before routing.
        using var media = await client.GetAsync($"/api/v1/media/{Guid.NewGuid()}/master.m3u8");
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.com", password = "x" });

        Assert.Equal("2000000", media.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal("1000000", login.Headers.GetValues("RateLimit-Limit").Single());
    }

    [Fact]
    public async Task Two_gateway_instances_share_one_budget()
    {
        var user = await app.RegisterAsync();
        await using var replica = await app.System.StartReplicaAsync("gateway", TimeSpan.FromSeconds(60));
        using var first = app.CreateAuthorizedClient(user.AccessToken);
        using var second = new HttpClient { BaseAddress = replica.Url };
        second.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;
        await AwaitFreshWindowAsync(first);

        var onFirst = await SendAsync(first, 59);
        // The documented bound: a replica shares its count every 100 ms (RateLimiting:ShareEveryMilliseconds).
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var onSecond = await SendAsync(second, 41);

        Assert.All(onFirst, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(onSecond[..^1], status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, onSecond[^1]);
    }

    private async Task<Session> PremiumAsync()
    {
        var admin = await app.RegisterAdminAsync();
        var user = await app.RegisterAsync();
        using var adminClient = app.CreateAuthorizedClient(admin.AccessToken);
        (await adminClient.PutAsJsonAsync($"/api/v1/admin/users/{user.UserId}/tier", new { tier = "premium" })).EnsureSuccessStatusCode();
        using var refreshed = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });
        return await DexelAppFixture.ReadSessionAsync(refreshed, user.Email);
    }

    private static async Task<HttpStatusCode[]> SendAsync(HttpClient client, int count)
    {
        var statuses = new HttpStatusCode[count];
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync("/api/v1/users/me");
            statuses[i] = response.StatusCode;
        }
        return statuses;
    }

    /// <summary>
    /// Budgets are per clock minute: make sure the whole test fits in one window, with exactly
    /// one request of it spent when this returns.
    /// </summary>
    private static async Task AwaitFreshWindowAsync(HttpClient client)
    {
        using var probe = await client.GetAsync("/api/v1/users/me");
        var reset = int.Parse(probe.Headers.GetValues("RateLimit-Reset").Single());
        if (reset >= 25) return;
        await Task.Delay(TimeSpan.FromSeconds(reset + 1));
        using var again = await client.GetAsync("/api/v1/users/me");
    }
}
