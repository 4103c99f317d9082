using System.Text;
using System.Text.RegularExpressions;

namespace Dexel.Streaming.Model;

/// <summary>
/// Rewrites stored playlists so every reference in them becomes a signed URL; a player then
/// follows them without credentials. References are file names relative to the playlist.
/// </summary>
public static partial class PlaylistRewriter
{
    /// <param name="sign">Turns a sibling file name into the URL the client should use.</param>
    public static string RewriteHls(string playlist, Func<string, string> sign)
    {
        var output = new StringBuilder(playlist.Length * 2);
        foreach (var rawLine in playlist.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0) { }
            else if (line[0] != '#') line = sign(line.Trim());
            else line = UriAttribute().Replace(line, match => $"URI=\"{sign(match.Groups[1].Value)}\"");
            output.Append(line).Append('\n');
        }
        // Split leaves one empty entry after the final newline; do not double it.
        return output.ToString(0, playlist.EndsWith('\n') ? output.Length - 1 : output.Length);
    }

    public static string RewriteDash(string manifest, Func<string, string> sign) =>
        DashReference().Replace(manifest, match =>
            $"{match.Groups[1].Value}=\"{EscapeXml(sign(UnescapeXml(match.Groups[2].Value)))}\"");

    private static string EscapeXml(string value) => value.Replace("&", "&amp;").Replace("\"", "&quot;");

    private static string UnescapeXml(string value) => value.Replace("&quot;", "\"").Replace("&amp;", "&");

    [GeneratedRegex("URI=\"([^\"]+)\"")]
    private static partial Regex UriAttribute();

    [GeneratedRegex("\\b(media|sourceURL|initialization)=\"([^\"]+)\"")]
    private static partial Regex DashReference();
}
