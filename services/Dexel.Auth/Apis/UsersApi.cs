using Dexel.Auth.Application;
using Dexel.Auth.Infrastructure;
using Dexel.Auth.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Auth.Apis;

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/users/me", GetMeAsync).WithTags("Users").RequireAuthorization();
        app.MapPut("/api/v1/admin/users/{id:guid}/tier", ChangeTierAsync).WithTags("Admin")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        return app;
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetMeAsync(
        HttpContext http, AuthDbContext db, CancellationToken ct)
    {
        var id = http.User.GetUserId();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found", detail: "The account no longer exists.")
            : TypedResults.Ok(Accounts.ToResponse(user));
    }

    /// <remarks>The new tier shows in access tokens issued from the next refresh on.</remarks>
    private static async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> ChangeTierAsync(
        Guid id, ChangeTierRequest request, AuthDbContext db, CancellationToken ct)
    {
        if (!Tiers.IsValid(request.Tier))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tier"] = ["Tier must be 'free' or 'premium'."] });

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found", detail: $"No user {id}.");
        user.Tier = request.Tier!;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Accounts.ToResponse(user));
    }
}
