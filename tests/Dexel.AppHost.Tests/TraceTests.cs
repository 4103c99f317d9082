using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Dexel.AppHost.Tests;

/// <summary>
/// What a developer sees in the dashboard: an upload, its transcoding, the <c>track.published</c>
/// event through Kafka and the playlist service updating its read model are one trace, read back
/// from the dashboard's own telemetry API.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class TraceTests(DexelAppHostFixture appHost, ITestOutputHelper output)
{
    [Fact]
    public async Task An_upload_and_everything_it_causes_are_one_trace_in_the_dashboard()
    {
        using var anonymous = appHost.CreateGatewayClient();
        var listener = await Listener.RegisterAsync(anonymous);
        using var client = appHost.CreateGatewayClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", listener.AccessToken);

        // The client app's own span: the trace the gateway continues.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var clientSpanId = ActivitySpanId.CreateRandom().ToHexString();
        var trackId = await ToneUploads.UploadAsync(client, $"Traced {Guid.NewGuid():N}"[..14], traceParent: $"00-{traceId}-{clientSpanId}-01");
        await Listener.WaitUntilReadyAsync(client, trackId);
        await Listener.AddToNewPlaylistAsync(client, trackId);

        using var dashboard = appHost.CreateDashboardApiClient();
        IReadOnlyList<Span> spans = [];
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                spans = await ReadTraceAsync(dashboard, traceId);
                return Has(spans, "playlist", "track.published process") && IsOneTree(spans, clientSpanId);
            }, TimeSpan.FromSeconds(90), "the dashboard should hold the whole journey as one connected trace", TimeSpan.FromSeconds(2));
        }
        finally
        {
            // What the dashboard held, parents missing from it marked: the failure's own evidence.
            var orphans = Orphans(spans, clientSpanId);
            foreach (var span in spans.OrderBy(s => s.Start))
                output.WriteLine($"{span.Service,-10} {span.Name} {span.Id} <- {span.ParentId ?? "(root)"}{(orphans.Contains(span) ? " (parent missing)" : "")}");
        }

        Assert.Contains(spans, s => s.Service.StartsWith("gateway", StringComparison.Ordinal) && s.ParentId == clientSpanId);
        var gatewaySpans = spans.Where(s => s.Service.StartsWith("gateway", StringComparison.Ordinal)).Select(s => s.Id).ToHashSet();
        Assert.Contains(spans, s => s.Service.StartsWith("streaming", StringComparison.Ordinal) && gatewaySpans.Contains(s.ParentId ?? ""));
        Assert.True(Has(spans, "streaming", "transcode track"), "the transcoding job continues the upload's trace");
        Assert.True(Has(spans, "streaming", "track.published publish"), "the outbox relay's publish to Kafka is in the trace");
        // At least once: a rebalance may deliver the event again, and each delivery continues the publish.
        var consumed = spans.Where(s => s.Service.StartsWith("playlist", StringComparison.Ordinal) && s.Name == "track.published process").ToList();
        Assert.All(consumed, c => Assert.Equal("track.published publish", spans.Single(s => s.Id == c.ParentId).Name));
    }

    private sealed record Span(string Service, string Name, string Id, string? ParentId, long Start);

    private static bool Has(IEnumerable<Span> spans, string service, string name) =>
        spans.Any(s => s.Service.StartsWith(service, StringComparison.Ordinal) && s.Name == name);

    /// <summary>Every span's parent is in the trace, except the gateway's, whose parent is the client's.</summary>
    private static bool IsOneTree(IReadOnlyList<Span> spans, string clientSpanId) => Orphans(spans, clientSpanId).Count == 0;

    private static HashSet<Span> Orphans(IReadOnlyList<Span> spans, string clientSpanId)
    {
        var ids = spans.Select(s => s.Id).ToHashSet();
        return spans.Where(s => s.ParentId != clientSpanId && (s.ParentId is null || !ids.Contains(s.ParentId))).ToHashSet();
    }

    /// <summary>The trace's spans from <c>GET /api/telemetry/traces/{id}</c>, which answers in OTLP JSON.</summary>
    private static async Task<IReadOnlyList<Span>> ReadTraceAsync(HttpClient dashboard, string traceId)
    {
        using var response = await dashboard.GetAsync($"/api/telemetry/traces/{traceId}");
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var spans = new List<Span>();
        foreach (var resourceSpans in FindArrays(document.RootElement, "resourceSpans").SelectMany(a => a.EnumerateArray()))
        {
            var service = resourceSpans.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .Where(a => a.GetProperty("key").GetString() == "service.name")
                .Select(a => a.GetProperty("value").GetProperty("stringValue").GetString()!)
                .FirstOrDefault() ?? "";
            foreach (var span in resourceSpans.GetProperty("scopeSpans").EnumerateArray().SelectMany(s => s.GetProperty("spans").EnumerateArray()))
            {
                var parent = span.TryGetProperty("parentSpanId", out var p) && p.GetString() is { Length: > 0 } id ? id : null;
                spans.Add(new Span(service, span.GetProperty("name").GetString()!, span.GetProperty("spanId").GetString()!, parent,
                    long.Parse(span.GetProperty("startTimeUnixNano").ToString())));
            }
        }
        return spans;
    }

    private static IEnumerable<JsonElement> FindArrays(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == name && property.Value.ValueKind == JsonValueKind.Array) yield return property.Value;
                else foreach (var found in FindArrays(property.Value, name)) yield return found;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                foreach (var found in FindArrays(item, name)) yield return found;
        }
    }
}
