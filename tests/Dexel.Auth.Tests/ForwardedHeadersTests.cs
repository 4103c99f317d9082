using System.Net;
using System.Net.Http.Json;

namespace Dexel.Auth.Tests;

/// <summary>The gateway as the edge with nothing in front of it, with its default anonymous budget.</summary>
public sealed class AnonymousBudgetFixture : PrivateRedisFixture
{
    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        base.Configure(service, environment);
        environment["RateLimiting__AnonymousPerMinute"] = "100";
    }
}

/// <summary>The gateway behind an ingress on loopback that it is configured to trust.</summary>
public sealed class TrustedIngressFixture : PrivateRedisFixture
{
    protected override void Configure(string service, IDictionary<string, string> environment)
    {
        base.Configure(service, environment);
        if (service == "gateway") environment["ForwardedHeaders__KnownNetworks__0"] = "127.0.0.0/8";
        environment["Auth__MaxFailedLoginsPerAddress"] = "20";
    }
}

public sealed class ClientSuppliedAddressBudgetTests(AnonymousBudgetFixture app) : IClassFixture<AnonymousBudgetFixture>
{
    [Fact]
    public async Task A_client_cannot_choose_its_address_to_escape_the_anonymous_budget()
    {
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 110; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/jwks.json");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"198.51.100.{i + 1}");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 10,
            $"{statuses.Count(s => s == HttpStatusCode.TooManyRequests)} of 110 requests were refused");
    }
}

public sealed class ClientSuppliedAddressLoginTests(PrivateRedisFixture app) : IClassFixture<PrivateRedisFixture>
{
    [Fact]
    public async Task Login_failures_sent_with_someone_elses_address_count_against_the_sender()
    {
        var owner = await app.RegisterAsync();
        var victim = await app.RegisterAsync();
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = JsonContent.Create(new { email = victim.Email, password = "guess " + i }),
            };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", "192.0.2.44");
            using var failed = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        // The sender's real address is locked out of that account, whatever it claimed to be.
        using var again = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = victim.Email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        using var other = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}

public sealed class TrustedIngressTests(TrustedIngressFixture app) : IClassFixture<TrustedIngressFixture>
{
    [Fact]
    public async Task An_attacker_locks_out_only_himself_and_the_owner_signs_in_after_a_short_delay()
    {
        var owner = await app.RegisterAsync();
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await LoginAsync(client, owner.Email, "guess " + i, from: "203.0.113.66");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var attacker = await LoginAsync(client, owner.Email, "correct horse battery", from: "203.0.113.66");
        Assert.Equal(HttpStatusCode.TooManyRequests, attacker.StatusCode);
        Assert.True(int.Parse(attacker.Headers.GetValues("Retry-After").Single()) > 60);

        var response = await LoginAsync(client, owner.Email, "correct horse battery", from: "198.51.100.9");
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var wait = int.Parse(response.Headers.GetValues("Retry-After").Single());
            Assert.InRange(wait, 1, 2);
            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(wait));
            response = await LoginAsync(client, owner.Email, "correct horse battery", from: "198.51.100.9");
        }
        using (response) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password, string from)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email, password }),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", from);
        return client.SendAsync(request);
    }
}
