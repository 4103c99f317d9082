using System.Security.Claims;

namespace Microsoft.Extensions.Hosting;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's user id from the token's <c>sub</c>; never take it from a path or body.</summary>
    public static Guid GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue("sub"), out var id)
            ? id
            : throw new InvalidOperationException("The caller has no valid 'sub' claim; is the endpoint authorized?");

    public static string GetTier(this ClaimsPrincipal user) => user.FindFirstValue("tier") ?? "free";
}
