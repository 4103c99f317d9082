using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Dexel.Auth.Tests;

public sealed class BadInputTests(AuthFixture app) : IClassFixture<AuthFixture>
{
    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "/api/v1/auth/register", "{\"email\": \"a@b.c\", " },
        { "/api/v1/auth/register", "{\"email\": 42, \"password\": \"long enough\", \"displayName\": \"x\"}" },
        { "/api/v1/auth/login", "not json at all" },
        { "/api/v1/auth/refresh", "{\"refreshToken\": [1,2]}" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_json_and_wrong_types_are_a_400_problem(string path, string body)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string?, string?, string?> InvalidRegistrations => new()
    {
        { "email", null, "long enough", "Name" },
        { "email", "not-an-email", "long enough", "Name" },
        { "password", "a@example.com", null, "Name" },
        { "password", "a@example.com", "short", "Name" },
        { "password", "a@example.com", new string('p', 129), "Name" },
        { "displayName", "a@example.com", "long enough", "  " },
        { "displayName", "a@example.com", "long enough", new string('n', 101) },
        { "email", new string('e', 300) + "@example.com", "long enough", "Name" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task Missing_or_invalid_fields_are_a_validation_problem_naming_the_field(string field, string? email, string? password, string? displayName)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password, displayName });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    [Fact]
    public async Task An_oversize_body_is_a_413_problem()
    {
        using var client = app.CreateClient();
        var huge = new string('x', 2 * 1024 * 1024);

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = "big@example.com", password = "long enough", displayName = huge });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Sql_and_markup_in_every_field_are_stored_as_plain_data()
    {
        var email = $"o'brien+{Guid.NewGuid():N}@example.com";
        const string displayName = "Robert'); DROP TABLE users; -- <script>alert(1)</script>";
        const string password = "' OR '1'='1' --";
        using var client = app.CreateClient();

        using var registered = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password, displayName });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        using var injected = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "x'OR'1'='1'--@example.com", password });
        Assert.Equal(HttpStatusCode.Unauthorized, injected.StatusCode);
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        var session = await DexelAppFixture.ReadSessionAsync(login, email);

        using var authed = app.CreateAuthorizedClient(session.AccessToken);
        var me = await authed.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal(displayName, me.GetProperty("displayName").GetString());
        Assert.Equal(email, me.GetProperty("email").GetString());
    }
}
