using System.Net;
using System.Text.Json;

namespace Dexel.Auth.Tests;

public sealed class PublicApiDocsTests(AuthFixture app) : IClassFixture<AuthFixture>
{
    [Fact]
    public async Task The_gateway_publishes_one_document_with_the_services_routes_and_an_interactive_page()
    {
        using var client = app.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        using var docs = await client.GetAsync("/docs/");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/auth/register", paths);
        Assert.Contains("/api/v1/users/me", paths);
        Assert.Contains("/.well-known/jwks.json", paths);
        Assert.DoesNotContain(paths, path => path.StartsWith("/health") || path.StartsWith("/openapi"));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("openapi/v1.json", await docs.Content.ReadAsStringAsync());
    }
}
