using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Web.Api;

/// <summary>An API call that failed, in words a listener can read: the problem's detail or title, or what the status means.</summary>
public sealed class ApiProblem(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    private sealed record ProblemDetails(string? Title, string? Detail, Dictionary<string, string[]>? Errors);

    public static async Task<ApiProblem> FromAsync(HttpResponseMessage response)
    {
        ProblemDetails? problem = null;
        try { problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(); }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or HttpRequestException) { }
        var errors = problem?.Errors?.SelectMany(e => e.Value) ?? [];
        var message = string.Join(" ", new[] { problem?.Detail ?? problem?.Title }.Concat(errors).Where(m => !string.IsNullOrWhiteSpace(m)));
        return new ApiProblem(response.StatusCode, message.Length > 0 ? message : Describe(response.StatusCode));
    }

    private static string Describe(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Please sign in again.",
        HttpStatusCode.Forbidden => "You are not allowed to do that.",
        HttpStatusCode.NotFound => "That no longer exists.",
        HttpStatusCode.TooManyRequests => "Too many requests; wait a moment and try again.",
        >= HttpStatusCode.InternalServerError => "Dexel is having trouble right now; try again in a moment.",
        _ => $"The request failed ({(int)status}).",
    };
}
