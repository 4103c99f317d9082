using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dexel.Gateway.Edge;

/// <summary>
/// Every request gets a correlation id: the caller's X-Correlation-Id when it is sane, else the
/// trace id. It goes to the services with the request and back to the caller on every response.
/// </summary>
public static partial class CorrelationId
{
    public const string Header = "X-Correlation-Id";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Sane();

    public static async Task AssignAsync(HttpContext context, Func<Task> next)
    {
        var supplied = context.Request.Headers[Header].ToString();
        var id = Sane().IsMatch(supplied) ? supplied : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Request.Headers[Header] = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("correlation.id", id);
        await next();
    }
}
