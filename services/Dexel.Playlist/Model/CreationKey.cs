namespace Dexel.Playlist.Model;

/// <summary>
/// An <c>Idempotency-Key</c> a client sent with a new playlist, kept with the playlist it made
/// (and deleted with it), so the client can repeat a create whose answer it never got and be
/// sure it makes one playlist. <see cref="Fingerprint"/> tells a repeat from a different
/// request that reused the key.
/// </summary>
public sealed class CreationKey
{
    public const int MaxLength = 100;

    private CreationKey() { }

    public CreationKey(Guid ownerId, string key, Guid playlistId, byte[] fingerprint, DateTime createdAt)
    {
        OwnerId = ownerId;
        Key = key;
        PlaylistId = playlistId;
        Fingerprint = fingerprint;
        CreatedAt = createdAt;
    }

    public Guid OwnerId { get; private set; }
    public string Key { get; private set; } = "";
    public Guid PlaylistId { get; private set; }
    public byte[] Fingerprint { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }
}
