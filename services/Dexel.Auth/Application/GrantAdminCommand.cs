using Dexel.Auth.Infrastructure;
using Dexel.Auth.Model;
using Microsoft.EntityFrameworkCore;

namespace Dexel.Auth.Application;

/// <summary>
/// `Dexel.Auth grant-admin &lt;user-id&gt;`: the operator's explicit step that makes an existing
/// account an admin (in a cluster: kubectl exec into an auth pod). Nobody becomes admin by
/// registering with some address. The role shows in the user's tokens from the next refresh on.
/// </summary>
public static class GrantAdminCommand
{
    public static bool IsInvoked(string[] args) => args is ["grant-admin", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args is not [_, var id] || !Guid.TryParse(id, out var userId))
        {
            Console.Error.WriteLine("usage: Dexel.Auth grant-admin <user-id>");
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId);
        if (user is null)
        {
            Console.Error.WriteLine($"No user {userId}.");
            return 1;
        }
        if (!user.Roles.Contains(Roles.Admin))
        {
            user.Roles = [.. user.Roles, Roles.Admin];
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"{user.Id} is an admin.");
        return 0;
    }
}
