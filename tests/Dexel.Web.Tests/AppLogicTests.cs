using System.Net;
using System.Text;
using Dexel.Web.Api;
using Dexel.Web.Shared;

namespace Dexel.Web.Tests;

/// <summary>The web app's own logic, without a browser: where sign-in may lead, tokens it reads, errors it words.</summary>
public sealed class AppLogicTests
{
    [Theory]
    [InlineData("playlists/42", "playlists/42")]
    [InlineData("shared/abc?x=1", "shared/abc?x=1")]
    [InlineData(null, "")]
    [InlineData("//evil.example", "")]
    [InlineData("/\\evil.example", "")]
    [InlineData("\\\\evil.example", "")]
    [InlineData("https://evil.example/", "")]
    [InlineData("javascript:alert(1)", "")]
    public void Sign_in_returns_only_to_a_path_inside_the_app(string? asked, string expected) =>
        Assert.Equal(expected, ReturnPath.Safe(asked));

    [Fact]
    public void The_admin_role_is_read_from_the_token_and_garbage_is_no_role()
    {
        static string Jwt(string payload) =>
            $"e30.{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.sig";

        Assert.True(TokenClaims.HasRole(Jwt("""{"sub":"1","role":["admin"]}"""), "admin"));
        Assert.True(TokenClaims.HasRole(Jwt("""{"sub":"1","role":"admin"}"""), "admin"));
        Assert.False(TokenClaims.HasRole(Jwt("""{"sub":"1","role":["listener"]}"""), "admin"));
        Assert.False(TokenClaims.HasRole(Jwt("""{"sub":"1"}"""), "admin"));
        Assert.False(TokenClaims.HasRole("not-a-token", "admin"));
        Assert.False(TokenClaims.HasRole("a.%%%.c", "admin"));
        Assert.False(TokenClaims.HasRole(Jwt("not json"), "admin"));
    }

    [Fact]
    public async Task A_problem_is_worded_from_its_detail_and_validation_errors()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""{"title":"Invalid request","detail":"Check the fields.","errors":{"email":["Email is not valid."]}}""",
                Encoding.UTF8, "application/problem+json"),
        };
        var problem = await ApiProblem.FromAsync(response);
        Assert.Equal("Check the fields. Email is not valid.", problem.Message);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "Too many requests")]
    [InlineData(HttpStatusCode.BadGateway, "having trouble")]
    [InlineData(HttpStatusCode.Forbidden, "not allowed")]
    public async Task A_failure_without_a_problem_body_still_reads_as_words(HttpStatusCode status, string words)
    {
        using var response = new HttpResponseMessage(status) { Content = new StringContent("<html>proxy error</html>", Encoding.UTF8, "text/html") };
        Assert.Contains(words, (await ApiProblem.FromAsync(response)).Message);
    }
}
