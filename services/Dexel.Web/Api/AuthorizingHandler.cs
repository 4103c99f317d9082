using System.Net;
using System.Net.Http.Headers;

namespace Dexel.Web.Api;

/// <summary>Sends the access token with every call; on a 401 refreshes it once and retries.</summary>
public sealed class AuthorizingHandler(Session session) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var token = session.AccessToken;
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized || token is null || !CanResend(request)) return response;

        if (!await session.RefreshAsync(token)) return response;
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        return await base.SendAsync(request, ct);
    }

    // A streamed body cannot be sent twice; JSON is serialized again.
    private static bool CanResend(HttpRequestMessage request) => request.Content is not (StreamContent or MultipartContent);
}
