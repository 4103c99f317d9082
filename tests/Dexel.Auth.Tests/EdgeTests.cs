using System.Net;
using System.Net.Http.Json;
using Dexel.EventBus;
using Dexel.Testing;

namespace Dexel.Auth.Tests;

public sealed class EdgeTests(AuthFixture app) : IClassFixture<AuthFixture>
{
    [Fact]
    public async Task Every_response_carries_a_correlation_id_and_a_sane_one_from_the_caller_is_kept()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
        request.Headers.Add("X-Correlation-Id", "client-chosen-123");

        using var kept = await client.SendAsync(request);
        using var generated = await client.GetAsync("/api/v1/no-such-route");
        using var bogus = new HttpRequestMessage(HttpMethod.Get, "/.well-known/jwks.json");
        bogus.Headers.TryAddWithoutValidation("X-Correlation-Id", "<script>" + new string('x', 100));
        using var replaced = await client.SendAsync(bogus);

        Assert.Equal("client-chosen-123", kept.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Matches("^[0-9a-f]{32}$", generated.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Matches("^[0-9a-f]{32}$", replaced.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task Cors_allows_configured_origins_only()
    {
        using var client = app.CreateClient();

        using var allowed = await PreflightAsync(client, "http://localhost:3000");
        using var denied = await PreflightAsync(client, "https://evil.example");

        Assert.Equal("http://localhost:3000", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(denied.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Registering_publishes_user_registered_through_the_outbox()
    {
        var user = await app.RegisterAsync();

        var events = await KafkaProbe.ReadAsync(app.Kafka.ConnectionString, Topics.UserRegistered,
            r => r.Message.Key == user.UserId.ToString(), expected: 1, TimeSpan.FromSeconds(30));

        var registered = Assert.Single(events);
        var body = KafkaProbe.Json(registered);
        Assert.Equal(user.Email, body.GetProperty("email").GetString());
        Assert.Equal("free", body.GetProperty("tier").GetString());
        Assert.False(body.TryGetProperty("password", out _));
        Assert.False(body.TryGetProperty("passwordHash", out _));
    }

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/login");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return client.SendAsync(request);
    }
}
