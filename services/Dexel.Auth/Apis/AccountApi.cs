using Dexel.Auth.Application;
using Dexel.Auth.Application.Security;
using Dexel.Auth.Infrastructure;
using Dexel.Auth.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Auth.Apis;

/// <summary>The user's control over their account: delete it, or take a copy of what auth keeps.</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/v1/users/me", DeleteAsync).WithTags("Users").RequireAuthorization();
        app.MapGet(UserDataExport.ServicePath, ExportAsync).ExcludeFromDescription().RequireAuthorization();
        return app;
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        [FromBody] DeleteAccountRequest? request, HttpContext http, AccountDeletion deletion, PasswordConfirmationThrottle throttle, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request?.Password))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["Confirm the deletion with your password."] });

        var userId = http.User.GetUserId();
        if (await throttle.RetryAfterAsync(userId) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString();
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many wrong passwords",
                detail: $"Try again in {Math.Ceiling(wait.TotalSeconds)} seconds.");
        }

        switch (await deletion.DeleteAsync(userId, request.Password, ct))
        {
            case DeletionOutcome.Deleted:
                return TypedResults.NoContent();
            case DeletionOutcome.WrongPassword:
                await throttle.RecordFailureAsync(userId);
                // 403, not 401: the token is fine, and a 401 would send clients off to refresh it.
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Wrong password",
                    detail: "The password does not match; the account was not deleted.");
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found", detail: "The account no longer exists.");
        }
    }

    private static async Task<Results<Ok<AccountExport>, ProblemHttpResult>> ExportAsync(HttpContext http, AuthDbContext db, CancellationToken ct)
    {
        var id = http.User.GetUserId();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found", detail: "The account no longer exists.")
            : TypedResults.Ok(new AccountExport(new ProfileExport(user.Id, user.Email, user.DisplayName, user.Tier, user.Roles, user.CreatedAt)));
    }
}
