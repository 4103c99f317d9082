namespace Dexel.Auth.Model;

public sealed class User
{
    public Guid Id { get; set; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public string Tier { get; set; } = Tiers.Free;
    public List<string> Roles { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

public static class Tiers
{
    public const string Free = "free";
    public const string Premium = "premium";
    public static bool IsValid(string? tier) => tier is Free or Premium;
}

public static class Roles
{
    public const string Admin = "admin";
}
