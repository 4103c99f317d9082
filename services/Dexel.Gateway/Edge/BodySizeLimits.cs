using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Dexel.Gateway.Edge;

public sealed class BodySizeOptions
{
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;
}

/// <summary>
/// 1 MB for API bodies, 200 MB for track uploads. A declared length over the limit is refused
/// at once with 413; a chunked body is cut off by the server limit while it streams.
/// </summary>
public sealed class BodySizeLimits(RequestDelegate next, IOptionsMonitor<BodySizeOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = IsUpload(context.Request) ? options.CurrentValue.MaxUploadBytes : options.CurrentValue.MaxBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;

        if (context.Request.ContentLength > limit)
        {
            await GatewayProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                "Request body too large", $"This endpoint accepts at most {limit} bytes.");
            return;
        }
        await next(context);
    }

    private static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/api/v1/tracks", StringComparison.OrdinalIgnoreCase);
}
