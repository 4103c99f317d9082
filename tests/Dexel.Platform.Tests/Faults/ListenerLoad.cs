using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Platform.Tests.Faults;

/// <summary>
/// What one request of the load got: when, which call, the status, how long, the playlist it
/// created, and for a create what it asked for (its Idempotency-Key and name) so it can be repeated.
/// </summary>
public sealed record Outcome(DateTime At, string Call, int Status, double Milliseconds, string? ContentType, Guid? Created, Guid User,
    string? Key = null, string? Name = null);

/// <summary>
/// Light concurrent load while a fault is injected: each signed-in listener creates a playlist
/// and reads their list, over and over, with a short pause. Nothing is retried here: every answer
/// is recorded as a client would have seen it. Each create carries an Idempotency-Key, as a client
/// that retries would send, so a create whose outcome the client could not know can be repeated later.
/// </summary>
public sealed class ListenerLoad(DexelAppFixture app, IReadOnlyList<Session> listeners) : IAsyncDisposable
{
    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public IReadOnlyList<Outcome> Outcomes => [.. _outcomes];

    public void Start() => _running = Task.WhenAll(listeners.Select(RunAsync));

    private async Task RunAsync(Session listener)
    {
        using var client = app.CreateClient(listener);
        client.Timeout = TimeSpan.FromSeconds(30);
        while (!_stop.IsCancellationRequested)
        {
            var key = Guid.NewGuid().ToString();
            var name = $"Load {key}"[..20];
            await SendAsync(client, listener, "create", () => CreateAsync(client, key, name), key, name);
            await SendAsync(client, listener, "list", () => client.GetAsync("/api/v1/playlists?limit=5"));
            try { await Task.Delay(100, _stop.Token); } catch (OperationCanceledException) { }
        }
    }

    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, string key, string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/playlists") { Content = JsonContent.Create(new { name }) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task SendAsync(HttpClient client, Session listener, string call, Func<Task<HttpResponseMessage>> send,
        string? key = null, string? name = null)
    {
        var at = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            Guid? created = call == "create" && (int)response.StatusCode == 201 ? JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid() : null;
            _outcomes.Enqueue(new(at, call, (int)response.StatusCode, clock.Elapsed.TotalMilliseconds, response.Content.Headers.ContentType?.MediaType, created, listener.UserId, key, name));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // No answer at all within the client's 30 s: recorded as status 0.
            _outcomes.Enqueue(new(at, call, 0, clock.Elapsed.TotalMilliseconds, null, null, listener.UserId, key, name));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_running is not null) await _running;
        _stop.Dispose();
    }
}
