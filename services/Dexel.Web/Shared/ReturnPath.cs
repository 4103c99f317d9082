namespace Dexel.Web.Shared;

/// <summary>Where to go after signing in: only a path inside the app, so a crafted link never leads elsewhere.</summary>
public static class ReturnPath
{
    public static string Safe(string? path) =>
        path is { Length: > 0 } && !path.StartsWith('/') && !path.Contains("//") && !path.Contains('\\') && !path.Contains(':')
            ? path
            : "";
}
