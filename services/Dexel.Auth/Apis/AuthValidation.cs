using Dexel.Auth.Application;

namespace Dexel.Auth.Apis;

/// <summary>Field rules of the auth contract; each failure is one entry of the 400's errors map.</summary>
internal static class AuthValidation
{
    public const int MinPassword = 8, MaxPassword = 128, MaxEmail = 254, MaxDisplayName = 100;

    public static Dictionary<string, string[]> Register(RegisterRequest request)
    {
        var errors = Login(new LoginRequest(request.Email, request.Password));
        if (request.Password is { Length: > 0 } password && password.Length is < MinPassword or > MaxPassword)
            errors["password"] = [$"Password must be {MinPassword} to {MaxPassword} characters."];
        if (string.IsNullOrWhiteSpace(request.DisplayName))
            errors["displayName"] = ["Display name is required."];
        else if (request.DisplayName.Trim().Length > MaxDisplayName)
            errors["displayName"] = [$"Display name must be at most {MaxDisplayName} characters."];
        return errors;
    }

    public static Dictionary<string, string[]> Login(LoginRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var email = request.Email?.Trim();
        if (string.IsNullOrEmpty(email))
            errors["email"] = ["Email is required."];
        else if (email.Length > MaxEmail || email.Count(c => c == '@') != 1 || email.StartsWith('@') || email.EndsWith('@') || email.Any(char.IsWhiteSpace))
            errors["email"] = ["Email is not a valid address."];
        if (string.IsNullOrEmpty(request.Password))
            errors["password"] = ["Password is required."];
        else if (request.Password.Length > MaxPassword)
            errors["password"] = [$"Password must be at most {MaxPassword} characters."];
        return errors;
    }
}
