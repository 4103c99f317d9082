namespace Dexel.Web.Api;

/// <summary>
/// The listener's playlists for every "Add to…" menu: read once, read again after the app
/// creates, renames or deletes one (or signs someone else in).
/// </summary>
public sealed class MyPlaylists(DexelApi api, Session session)
{
    private Task<List<Playlist>>? _playlists;
    private string? _owner;

    public Task<List<Playlist>> GetAsync()
    {
        if (_owner != session.User?.Id || _playlists is { IsFaulted: true } or { IsCanceled: true }) _playlists = null;
        _owner = session.User?.Id;
        return _playlists ??= api.PlaylistsAsync();
    }

    public void Changed() => _playlists = null;
}
