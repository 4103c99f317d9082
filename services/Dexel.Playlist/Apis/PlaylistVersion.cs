using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Dexel.Playlist.Apis;

/// <summary>
/// A playlist's version doubles as its ETag, so clients can make any change conditional with
/// If-Match (the reorder body's version does the same for that route).
/// </summary>
internal static class PlaylistVersion
{
    public static string ToETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <returns>False when If-Match is present but not one version ETag.</returns>
    public static bool TryFromIfMatch(HttpRequest request, out int? version)
    {
        version = null;
        var header = request.Headers.IfMatch;
        if (header.Count == 0 || header.ToString() == "*") return true;
        if (!EntityTagHeaderValue.TryParse(header.ToString(), out var tag)
            || !int.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            return false;
        version = parsed;
        return true;
    }
}
