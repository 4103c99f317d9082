using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static partial class ProblemDetailsExtensions
{
    /// <summary>
    /// One problem+json shape for every service: a trace id and a type on every error, request-shape
    /// failures (malformed JSON, wrong types, oversize bodies) reported with their real status and
    /// without .NET internals, and "no signing key can be had" as a 503 rather than a 500.
    /// </summary>
    public static IServiceCollection AddDexelProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var traceId = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Extensions.TryAdd("traceId", traceId);
            context.ProblemDetails.Type ??= TypeFor(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
        });
        services.AddExceptionHandler<DexelExceptionHandler>();
        return services;
    }

    /// <summary>RFC 9110's section for the status, as ASP.NET Core does for the statuses it knows.</summary>
    public static string? TypeFor(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status503ServiceUnavailable => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => null,
    };

    private sealed class DexelExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var (status, title, detail) = exception switch
            {
                BadHttpRequestException bad => (bad.StatusCode, TitleFor(bad.StatusCode), Describe(bad)),
                SigningKeysUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Sign-in temporarily unavailable",
                    "Tokens cannot be checked right now; try again shortly."),
                _ when IsStoreOutage(exception) => (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                    "A data store this request needs is unavailable; try again shortly."),
                // Cancelled while the client still waits: a dependency gave up on us (StackExchange.Redis cancels
                // what is pending when it drops a dead connection), which is a 503, not a bug.
                OperationCanceledException when !httpContext.RequestAborted.IsCancellationRequested => (StatusCodes.Status503ServiceUnavailable,
                    "Service unavailable", "A service this request needs did not answer in time; try again shortly."),
                _ => (0, "", ""),
            };
            if (status == 0) return false;

            httpContext.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable) httpContext.Response.Headers.RetryAfter = "5";
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }

        // Redis, Postgres or an HTTP dependency unreachable, refusing or timing out (possibly wrapped by EF's retries):
        // the request can succeed later, so it is a 503 the client may retry, not a 500.
        private static bool IsStoreOutage(Exception? exception)
        {
            for (; exception is not null; exception = exception.InnerException)
            {
                // An HTTP store or service that could not be reached at all (ClickHouse, another service) counts too.
                if (exception is StackExchange.Redis.RedisException or StackExchange.Redis.RedisTimeoutException
                    or Npgsql.NpgsqlException { IsTransient: true } or HttpRequestException { StatusCode: null })
                    return true;
                // The Redis client tearing down a dead connection can surface its pipe's own errors
                // (InvalidOperationException "Reading is not allowed after reader was completed").
                if (exception.StackTrace?.Contains("StackExchange.Redis.PhysicalConnection") == true) return true;
            }
            return false;
        }

        private static string TitleFor(int status) => status switch
        {
            StatusCodes.Status413PayloadTooLarge => "Request body too large",
            StatusCodes.Status408RequestTimeout => "Request body too slow",
            _ => "Malformed request",
        };

        // The framework's messages name .NET types ("Failed to read parameter \"CreatePlaylistRequest
        // request\"", "could not be converted to System.Guid"); clients get the JSON path instead.
        private static string Describe(BadHttpRequestException exception) => exception switch
        {
            { InnerException: JsonException { Path: { Length: > 0 } path } } => $"The value at '{path}' is malformed or of the wrong type.",
            { InnerException: JsonException } => "The request body is not valid JSON.",
            { StatusCode: StatusCodes.Status413PayloadTooLarge } => "The request body exceeds this endpoint's size limit.",
            { StatusCode: StatusCodes.Status408RequestTimeout } => "The request body arrived too slowly.",
            _ => TypedParameter().Replace(exception.Message, "\"$1\""),
        };
    }

    [GeneratedRegex("\"[\\w.<>?\\[\\], `]+ (\\w+)\"")]
    private static partial Regex TypedParameter();
}
