using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dexel.Testing;

/// <summary>A signed-in user, as a client app holds one after register or login.</summary>
public sealed record Session(Guid UserId, string Email, string AccessToken, string RefreshToken);

public abstract partial class DexelAppFixture
{
    /// <summary>The password of every user the fixtures register.</summary>
    public const string Password = "correct horse battery";

    /// <summary>Registers a new user through the gateway (auth must be running).</summary>
    public async Task<Session> RegisterAsync(string? email = null, string displayName = "Listener")
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = Password, displayName });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Register answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await ReadSessionAsync(response, email);
    }

    public static async Task<Session> ReadSessionAsync(HttpResponseMessage response, string email)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Session(body.GetProperty("user").GetProperty("id").GetGuid(), email,
            body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    /// <summary>A gateway client that sends the session's access token.</summary>
    public HttpClient CreateClient(Session session) => CreateAuthorizedClient(session.AccessToken);

    public HttpClient CreateAuthorizedClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}

public abstract partial class DexelAppFixture
{
    /// <summary>
    /// Registers a user and makes it an admin the way an operator does (auth's grant-admin
    /// command against authdb), then refreshes so the token carries the role.
    /// </summary>
    public async Task<Session> RegisterAdminAsync()
    {
        var user = await RegisterAsync(displayName: "Admin");
        await RunAuthCommandAsync("grant-admin", user.UserId.ToString());
        using var client = CreateClient();
        using var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });
        refreshed.EnsureSuccessStatusCode();
        return await ReadSessionAsync(refreshed, user.Email);
    }

    private async Task RunAuthCommandAsync(params string[] arguments)
    {
        // The service assemblies sit beside the test's own output: artifacts/bin/<project>/<configuration>/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var assembly = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Dexel.Auth", configuration, "Dexel.Auth.dll"));
        var start = new global::System.Diagnostics.ProcessStartInfo("dotnet", [assembly, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in new[] { "authdb", "redis", "kafka" })
            start.Environment[$"ConnectionStrings__{name}"] = ConnectionStringOf("auth", name);
        using var process = global::System.Diagnostics.Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"auth {string.Join(' ', arguments)} did not finish in 60 s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"auth {string.Join(' ', arguments)} exited {process.ExitCode}: {await output} {await errors}");
    }
}
