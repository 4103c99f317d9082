using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class ProblemDetailsExtensions
{
    /// <summary>
    /// One problem+json shape for every service: a trace id on every error, and request-shape
    /// failures (malformed JSON, wrong types, oversize bodies) reported with their real status.
    /// </summary>
    public static IServiceCollection AddDexelProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var traceId = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Extensions.TryAdd("traceId", traceId);
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    private sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException badRequest)
            {
                return false;
            }

            httpContext.Response.StatusCode = badRequest.StatusCode;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails =
                {
                    Status = badRequest.StatusCode,
                    Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? "Request body too large"
                        : "Malformed request",
                    Detail = DescribeBadRequest(badRequest)
                }
            });
        }

        // The framework's message names the failing parameter; the inner JSON error says where.
        private static string DescribeBadRequest(BadHttpRequestException exception) =>
            exception.InnerException is System.Text.Json.JsonException json
                ? $"{exception.Message} {json.Message}"
                : exception.Message;
    }
}
