namespace Dexel.Auth.Application;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);
public sealed record LoginRequest(string? Email, string? Password);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record ChangeTierRequest(string? Tier);

public sealed record UserResponse(Guid Id, string Email, string DisplayName, string Tier);
public sealed record TokenResponse(UserResponse User, string AccessToken, string RefreshToken, int ExpiresIn);

public sealed record DeleteAccountRequest(string? Password);

/// <summary>Auth's part of the user's data export (the gateway merges the parts).</summary>
public sealed record AccountExport(ProfileExport Profile);
public sealed record ProfileExport(Guid Id, string Email, string DisplayName, string Tier, IReadOnlyList<string> Roles, DateTime CreatedAt);
