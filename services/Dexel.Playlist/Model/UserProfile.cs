namespace Dexel.Playlist.Model;

/// <summary>This service's copy of a user's public face, kept from <c>user.registered</c> events.</summary>
public sealed class UserProfile
{
    public Guid Id { get; set; }
    public string DisplayName { get; set; } = "";
}
