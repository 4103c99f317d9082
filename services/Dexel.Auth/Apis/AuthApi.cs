using Dexel.Auth.Application;
using Dexel.Auth.Application.Security;
using Dexel.Auth.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dexel.Auth.Apis;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/register", RegisterAsync);
        auth.MapPost("/login", LoginAsync);
        auth.MapPost("/refresh", RefreshAsync);
        auth.MapPost("/logout", LogoutAsync).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Created<TokenResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, Accounts accounts, CancellationToken ct)
    {
        var errors = AuthValidation.Register(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var result = await accounts.RegisterAsync(request.Email!, request.Password!, request.DisplayName!, ct);
        return result.Outcome == AuthOutcome.DuplicateEmail
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Email already registered",
                detail: "An account with this email exists; log in instead.")
            : TypedResults.Created("/api/v1/users/me", result.Tokens);
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, Accounts accounts, LoginThrottle throttle, HttpContext http, CancellationToken ct)
    {
        var errors = AuthValidation.Login(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var email = Accounts.NormalizeEmail(request.Email!);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await throttle.RetryAfterAsync(email, address) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString();
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed logins",
                detail: $"Try again in {Math.Ceiling(wait.TotalSeconds)} seconds.");
        }

        var result = await accounts.LoginAsync(email, request.Password!, ct);
        if (result.Outcome != AuthOutcome.Ok)
        {
            await throttle.RecordFailureAsync(email, address);
            return InvalidCredentials();
        }
        await throttle.ResetAsync(email, address);
        return TypedResults.Ok(result.Tokens);
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, Accounts accounts, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["Refresh token is required."] });

        var result = await accounts.RefreshAsync(request.RefreshToken, ct);
        return result.Outcome switch
        {
            AuthOutcome.Ok => TypedResults.Ok(result.Tokens),
            AuthOutcome.RefreshTokenReused => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "Refresh token reused", detail: "This refresh token was already used; the session has been ended. Log in again."),
            AuthOutcome.RefreshTokenRevoked => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "Refresh token revoked", detail: "This session was ended (logged out). Log in again."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid refresh token",
                detail: "The refresh token is unknown, expired or revoked. Log in again."),
        };
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> LogoutAsync(
        RefreshRequest request, Accounts accounts, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["Refresh token is required."] });

        return await accounts.LogoutAsync(http.User.GetUserId(), request.RefreshToken, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid refresh token",
                detail: "The refresh token is unknown or not yours.");
    }

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials",
            detail: "The email or password is wrong.");
}
