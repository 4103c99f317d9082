using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.JSInterop;

namespace Dexel.Web.Api;

/// <summary>
/// The signed-in listener: tokens kept in localStorage so a reload stays signed in, the access
/// token refreshed in the background a minute before it expires, and at most one refresh at a time
/// (a refresh token is spent by its first use).
/// </summary>
public sealed class Session(IJSRuntime js, HttpClient anonymous) : IAsyncDisposable
{
    private const string StorageKey = "dexel.session";
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private Timer? _timer;

    private sealed record Stored(UserInfo User, string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);

    private Stored? _current;

    public event Action? Changed;

    public UserInfo? User => _current?.User;
    public string? AccessToken => _current?.AccessToken;
    public bool IsSignedIn => _current is not null;

    /// <summary>Admin is a claim of the access token: the app reads it only to show the dashboard link.</summary>
    public bool IsAdmin => _current is not null && TokenClaims.HasRole(_current.AccessToken, "admin");

    public async Task RestoreAsync()
    {
        var json = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
        if (json is null) return;
        try { _current = JsonSerializer.Deserialize<Stored>(json); }
        catch (JsonException) { _current = null; }
        if (_current is null) return;
        if (_current.ExpiresAt - DateTimeOffset.UtcNow < TimeSpan.FromMinutes(1)) await RefreshAsync();
        else Schedule();
    }

    public Task SignInAsync(string email, string password) =>
        AuthenticateAsync("api/v1/auth/login", new { email, password });

    public Task RegisterAsync(string email, string password, string displayName) =>
        AuthenticateAsync("api/v1/auth/register", new { email, password, displayName });

    /// <summary>Trades the refresh token for new tokens; false (and signed out) when the session is over.</summary>
    public async Task<bool> RefreshAsync(string? staleAccessToken = null)
    {
        await _refreshing.WaitAsync();
        try
        {
            if (_current is null) return false;
            if (staleAccessToken is not null && staleAccessToken != _current.AccessToken) return true; // another call refreshed already
            using var response = await anonymous.PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken = _current.RefreshToken });
            if (response.IsSuccessStatusCode)
            {
                await StoreAsync((await response.Content.ReadFromJsonAsync<AuthResponse>())!);
                return true;
            }
            if ((int)response.StatusCode is 400 or 401 or 403) await ForgetAsync();
            return false;
        }
        catch (HttpRequestException) { return false; }
        finally { _refreshing.Release(); }
    }

    public async Task SignOutAsync()
    {
        if (_current is { } current)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/auth/logout") { Content = JsonContent.Create(new { refreshToken = current.RefreshToken }) };
                request.Headers.Authorization = new("Bearer", current.AccessToken);
                (await anonymous.SendAsync(request)).Dispose();
            }
            catch (HttpRequestException) { } // signed out here regardless; the server session expires on its own
        }
        await ForgetAsync();
    }

    private async Task AuthenticateAsync(string path, object body)
    {
        using var response = await anonymous.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode) throw await ApiProblem.FromAsync(response);
        await StoreAsync((await response.Content.ReadFromJsonAsync<AuthResponse>())!);
    }

    private async Task StoreAsync(AuthResponse auth)
    {
        _current = new Stored(auth.User, auth.AccessToken, auth.RefreshToken, DateTimeOffset.UtcNow.AddSeconds(auth.ExpiresIn));
        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, JsonSerializer.Serialize(_current));
        Schedule();
        Changed?.Invoke();
    }

    private async Task ForgetAsync()
    {
        _current = null;
        _timer?.Dispose();
        await js.InvokeVoidAsync("localStorage.removeItem", StorageKey);
        Changed?.Invoke();
    }

    private void Schedule()
    {
        _timer?.Dispose();
        var due = _current!.ExpiresAt - DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1);
        _timer = new Timer(_ => _ = RefreshAsync(), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    public ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        return ValueTask.CompletedTask;
    }
}
