namespace Dexel.Auth.Apis;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);
public sealed record LoginRequest(string? Email, string? Password);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record ChangeTierRequest(string? Tier);

public sealed record UserResponse(Guid Id, string Email, string DisplayName, string Tier);
public sealed record TokenResponse(UserResponse User, string AccessToken, string RefreshToken, int ExpiresIn);
