using Dexel.Playlist.Application;
using Dexel.Playlist.Infrastructure;
using Dexel.Playlist.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dexel.Playlist.Apis;

/// <summary>Who follows whom, and a listener's public profile. Users are known here from user.registered.</summary>
public static class FollowsApi
{
    public static IEndpointRouteBuilder MapFollowsApi(this IEndpointRouteBuilder app)
    {
        var following = app.MapGroup("/api/v1/me/following").WithTags("Follows").RequireAuthorization();
        following.MapPut("/{userId}", FollowAsync);
        following.MapDelete("/{userId}", UnfollowAsync);

        var users = app.MapGroup("/api/v1/users/{id}").WithTags("Follows").RequireAuthorization();
        users.MapGet("", ProfileAsync);
        users.MapGet("/followers", (Guid id, PlaylistDbContext db, CancellationToken ct, int? offset, int? limit) =>
            ListAsync(id, db, db.Follows.Where(f => f.FolloweeId == id).Select(f => new Link { UserId = f.FollowerId, At = f.FollowedAt }), offset, limit, ct));
        users.MapGet("/following", (Guid id, PlaylistDbContext db, CancellationToken ct, int? offset, int? limit) =>
            ListAsync(id, db, db.Follows.Where(f => f.FollowerId == id).Select(f => new Link { UserId = f.FolloweeId, At = f.FollowedAt }), offset, limit, ct));
        return app;
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> FollowAsync(
        Guid userId, HttpContext http, PlaylistDbContext db, TimeProvider time, CancellationToken ct)
    {
        var me = http.User.GetUserId();
        if (userId == me)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userId"] = ["You cannot follow yourself."] });
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return UserNotFound(userId);
        if (await db.Follows.AnyAsync(f => f.FollowerId == me && f.FolloweeId == userId, ct)) return TypedResults.NoContent();

        db.Follows.Add(new Follow(me, userId, time.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two identical follows at once: the other one already recorded it.
        }
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnfollowAsync(Guid userId, HttpContext http, PlaylistDbContext db, CancellationToken ct)
    {
        var me = http.User.GetUserId();
        await db.Follows.Where(f => f.FollowerId == me && f.FolloweeId == userId).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>What any listener may see of another: the name their followers lists already show, and how many follow whom.</summary>
    private static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> ProfileAsync(Guid id, PlaylistDbContext db, CancellationToken ct)
    {
        var profile = await db.Users.Where(u => u.Id == id)
            .Select(u => new ProfileResponse(u.Id, u.DisplayName,
                db.Follows.Count(f => f.FolloweeId == id), db.Follows.Count(f => f.FollowerId == id)))
            .AsNoTracking().SingleOrDefaultAsync(ct);
        return profile is null ? UserNotFound(id) : TypedResults.Ok(profile);
    }

    /// <summary>Newest first. A user whose user.registered has not arrived yet shows without a name.</summary>
    private static async Task<Results<Ok<ItemList<UserResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid id, PlaylistDbContext db, IQueryable<Link> links, int? offset, int? limit, CancellationToken ct)
    {
        var errors = Page.Validate(offset, limit, Page.MaxLimit);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (!await db.Users.AnyAsync(u => u.Id == id, ct)) return UserNotFound(id);
        var page = new Page(offset ?? 0, limit ?? Page.DefaultLimit);
        var users = await (
            from link in links
            join user in db.Users on link.UserId equals user.Id into known
            from user in known.DefaultIfEmpty()
            orderby link.At descending, link.UserId
            select new UserResponse(link.UserId, user == null ? null : user.DisplayName))
            .Skip(page.Offset).Take(page.Limit + 1)
            .AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(new ItemList<UserResponse>(users.Take(page.Limit).ToList(), page.Next(users.Count)));
    }

    private sealed class Link
    {
        public Guid UserId { get; init; }
        public DateTime At { get; init; }
    }

    private static ProblemHttpResult UserNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found", detail: $"No user {id}.");
}
