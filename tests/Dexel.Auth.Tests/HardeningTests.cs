using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Dexel.Auth.Tests;

/// <summary>What the outside review found leaking or missing at the edge, each as a client would see it.</summary>
public sealed class HardeningTests(AuthFixture app) : IClassFixture<AuthFixture>
{
    [Theory]
    [InlineData("/api/v1/auth/register", """{"email":"nul\u0000@example.com","password":"correct horse battery","displayName":"N"}""")]
    [InlineData("/api/v1/auth/register", """{"email":"nul@example.com","password":"correct horse battery","displayName":"Bad\u0000Name"}""")]
    [InlineData("/api/v1/auth/login", """{"email":"nul@example.com","password":"pass\u0000word"}""")]
    public async Task Nul_characters_in_text_are_a_400_problem(string path, string body)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Binding_errors_name_the_json_path_never_a_dotnet_type()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/v1/auth/register",
            new StringContent("""{"email":5,"password":[],"displayName":{}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("$.email", detail);
        Assert.DoesNotContain("System.", detail);
        Assert.DoesNotContain("Dexel.", detail);
        Assert.DoesNotContain("Request", detail);
    }

    [Fact]
    public async Task A_refused_token_is_told_invalid_without_saying_why()
    {
        var user = await app.RegisterAsync();
        var tampered = user.AccessToken[..^4] + (user.AccessToken.EndsWith("AAAA") ? "BBBB" : "AAAA");
        using var client = app.CreateAuthorizedClient(tampered);

        using var response = await client.GetAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer", challenge);
        Assert.DoesNotContain("error_description", challenge);
        Assert.DoesNotContain("key", challenge, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Answers_carry_nosniff_no_server_header_and_no_store_when_authenticated()
    {
        var user = await app.RegisterAsync();
        using var client = app.CreateAuthorizedClient(user.AccessToken);

        using var me = await client.GetAsync("/api/v1/users/me");
        using var anonymous = await app.CreateClient().GetAsync("/.well-known/jwks.json");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("no-store", me.Headers.CacheControl?.ToString());
        foreach (var response in new[] { me, anonymous })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.False(response.Headers.Contains("Server"), "the Server header names the web server");
        }
    }

    [Fact]
    public async Task The_gateway_does_not_publish_its_metrics_to_clients()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("http_server", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Problems_have_a_type_and_a_413_names_no_internals()
    {
        using var client = app.CreateClient();

        // Expect: 100-continue, as well-behaved clients send large bodies: the 413 comes before the body is
        // sent, so the answer is read rather than racing the server closing the connection mid-upload.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = new StringContent($$"""{"email":"{{new string('a', 2 * 1024 * 1024)}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.DoesNotContain("RequestBody", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Refreshing_after_logout_says_revoked_not_reused()
    {
        var user = await app.RegisterAsync();
        using (var client = app.CreateAuthorizedClient(user.AccessToken))
            (await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = user.RefreshToken })).EnsureSuccessStatusCode();

        using var refresh = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });

        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal("Refresh token revoked", (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_request_body_that_trickles_in_is_a_408_problem_not_a_502()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(app.GatewayUrl.Host, app.GatewayUrl.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /api/v1/auth/login HTTP/1.1\r\nHost: {app.GatewayUrl.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"email\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // Kestrel's minimum body rate (240 bytes/s after a 5 s grace) gives up on this body.
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 408", status);
    }

    [Fact]
    public async Task Registering_with_any_address_grants_no_admin_role()
    {
        var user = await app.RegisterAsync($"admin-{Guid.NewGuid():N}@example.com");
        using var client = app.CreateAuthorizedClient(user.AccessToken);

        using var response = await client.PutAsJsonAsync($"/api/v1/admin/users/{user.UserId}/tier", new { tier = "premium" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
