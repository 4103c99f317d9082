namespace Dexel.Playlist.Model;

/// <summary>A change a playlist refuses; <see cref="Field"/> names the request field at fault.</summary>
public sealed class PlaylistRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
