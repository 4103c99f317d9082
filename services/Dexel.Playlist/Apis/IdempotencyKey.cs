using Dexel.Playlist.Model;

namespace Dexel.Playlist.Apis;

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF httpapi draft; Stripe's convention): 1 to 100
/// visible ASCII characters, bare or as a quoted string.
/// </summary>
internal static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <returns>False when the header is present but malformed; <paramref name="key"/> is null when it is absent.</returns>
    public static bool TryRead(HttpRequest request, out string? key, out string? error)
    {
        key = null;
        error = null;
        var values = request.Headers[Header];
        if (values.Count == 0) return true;
        var value = values.Count == 1 ? values[0]!.Trim() : null;
        if (value is { Length: >= 2 } && value[0] == '"' && value[^1] == '"') value = value[1..^1];
        if (value is null || value.Length is 0 or > CreationKey.MaxLength || value.Any(c => c is < '!' or > '~'))
        {
            error = $"Send one {Header} of 1 to {CreationKey.MaxLength} visible ASCII characters, e.g. a UUID.";
            return false;
        }
        key = value;
        return true;
    }
}
