using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Dexel.Playlist.Model;

/// <summary>
/// Anonymous read access to one playlist. Only the SHA-256 of the token is stored, so a copy
/// of the database does not hand out working links.
/// </summary>
public sealed class ShareLink
{
    private const int TokenBytes = 32;

    private ShareLink() { }

    private ShareLink(Guid playlistId, byte[] tokenHash, DateTime createdAt)
    {
        Id = Guid.CreateVersion7();
        PlaylistId = playlistId;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public Guid PlaylistId { get; private set; }
    public byte[] TokenHash { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }

    /// <returns>The link to store and the token to give the owner (256 random bits, base64url).</returns>
    public static (ShareLink Link, string Token) Create(Guid playlistId, DateTime now)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        return (new ShareLink(playlistId, Hash(token), now), token);
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
