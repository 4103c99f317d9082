using Dexel.Gateway.Edge;
using Yarp.ReverseProxy.Forwarder;

namespace Dexel.Gateway.Edge.ReverseProxy;

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
            _ when ClientBodyFault(error.Exception) is { } fault
                => (fault, fault == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Request body too slow"),
            ForwarderError.NoAvailableDestinations or ForwarderError.Request when IsConnectFailure(error.Exception)
                => (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
            ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "Service timed out"),
            ForwarderError.RequestCanceled => (StatusCodes.Status499ClientClosedRequest, "Request canceled"),
            _ => (StatusCodes.Status502BadGateway, "Bad gateway"),
        };

        await GatewayProblems.WriteAsync(context, status, title, status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body exceeds this endpoint's size limit.",
            StatusCodes.Status408RequestTimeout => "The request body arrived too slowly.",
            StatusCodes.Status503ServiceUnavailable => "The service is unavailable; try again shortly.",
            StatusCodes.Status504GatewayTimeout => "The service did not answer in time.",
            _ => "The service could not answer.",
        });
    }

    // Kestrel's body limits (size, minimum data rate) trip while YARP streams the body on, so the
    // client's fault (413, 408) arrives wrapped in a forwarding error.
    private static int? ClientBodyFault(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge or StatusCodes.Status408RequestTimeout } bad)
                return bad.StatusCode;
        }
        return null;
    }

    private static bool IsConnectFailure(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
        || exception?.InnerException is System.Net.Sockets.SocketException
        || exception is Polly.CircuitBreaker.BrokenCircuitException;
}
