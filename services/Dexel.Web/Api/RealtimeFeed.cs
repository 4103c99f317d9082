using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Components.WebAssembly.Http;

namespace Dexel.Web.Api;

/// <summary>
/// The admin's live numbers: server-sent events read through HttpClient with browser response
/// streaming, because EventSource cannot send the bearer token.
/// </summary>
public sealed class RealtimeFeed(DexelApi api)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async IAsyncEnumerable<Realtime> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/admin/analytics/realtime/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.SetBrowserResponseStreamingEnabled(true);
        using var response = await api.SendStreamingAsync(request, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal) && JsonSerializer.Deserialize<Realtime>(line[5..], Json) is { } update)
                yield return update;
        }
    }
}
