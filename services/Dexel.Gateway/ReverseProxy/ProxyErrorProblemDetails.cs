using Dexel.Gateway.Edge;
using Yarp.ReverseProxy.Forwarder;

namespace Dexel.Gateway.ReverseProxy;

internal static class ProxyErrorProblemDetails
{
    /// <summary>
    /// YARP answers a failed forward with a bare status code; clients get problem+json instead:
    /// 503 when the service could not be reached, 504 when it timed out, 502 otherwise.
    /// </summary>
    public static async Task WriteProxyErrorsAsProblems(HttpContext context, Func<Task> next)
    {
        await next();

        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted) return;

        var (status, title) = error.Error switch
        {
            _ when error.Exception is Polly.CircuitBreaker.BrokenCircuitException
                => (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
            _ when BodyTooLarge(error.Exception)
                => (StatusCodes.Status413PayloadTooLarge, "Request body too large"),
            ForwarderError.NoAvailableDestinations or ForwarderError.Request when IsConnectFailure(error.Exception)
                => (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
            ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "Service timed out"),
            ForwarderError.RequestCanceled => (StatusCodes.Status499ClientClosedRequest, "Request canceled"),
            _ => (StatusCodes.Status502BadGateway, "Bad gateway"),
        };

        await GatewayProblems.WriteAsync(context, status, title, $"The upstream service could not answer ({error.Error}).");
    }

    // Kestrel's limit trips while YARP streams the body on, so the 413 arrives wrapped.
    private static bool BodyTooLarge(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }) return true;
        }
        return false;
    }

    private static bool IsConnectFailure(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
        || exception?.InnerException is System.Net.Sockets.SocketException
        || exception is Polly.CircuitBreaker.BrokenCircuitException;
}
