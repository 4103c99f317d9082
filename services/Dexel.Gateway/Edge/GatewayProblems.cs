namespace Dexel.Gateway.Edge;

/// <summary>How the gateway's own refusals (413, 429, proxy failures) answer: the same problem+json as every service.</summary>
internal static class GatewayProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
