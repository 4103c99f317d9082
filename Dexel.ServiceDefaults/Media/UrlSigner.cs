using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Microsoft.Extensions.Hosting;

public enum SignatureCheck
{
    Valid,
    Missing,
    Expired,
    Invalid,
}

/// <summary>
/// HMAC-SHA256 over a media path, its expiry and the user it was issued to. The signature is
/// the only authorization media requests carry, so players never need a bearer token. Streaming
/// signs and checks; the gateway checks too, to serve segments it has already located without
/// asking streaming again (see <see cref="MediaOffload"/>).
/// </summary>
public sealed class UrlSigner(byte[] key, TimeProvider time)
{
    /// <summary>The key as configured: a generated secret (letters and digits) used as-is; 43 of them carry 256 bits.</summary>
    public static byte[] KeyFrom(string configured, string setting) =>
        configured.Length >= 32
            ? Encoding.UTF8.GetBytes(configured)
            : throw new InvalidOperationException($"{setting} must be at least 32 characters.");

    /// <summary>How long a verified URL has left.</summary>
    public TimeSpan Remaining(string exp) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(exp, CultureInfo.InvariantCulture)) - time.GetUtcNow();

    public string Sign(string path, DateTimeOffset expiresAt, Guid userId) =>
        Sign(path, expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), userId.ToString("D"));

    /// <summary>Signs a child URL with the very expiry and user of an already verified parent.</summary>
    public string Sign(string path, string exp, string uid) =>
        $"{path}?exp={exp}&uid={Uri.EscapeDataString(uid)}&sig={Signature(path, exp, uid)}";

    public SignatureCheck Verify(string path, string? exp, string? uid, string? sig)
    {
        if (string.IsNullOrEmpty(exp) || string.IsNullOrEmpty(uid) || string.IsNullOrEmpty(sig))
            return SignatureCheck.Missing;
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
            return SignatureCheck.Invalid;

        // The raw strings are signed, so any changed character (even a GUID's letter case) fails.
        var expected = Encoding.UTF8.GetBytes(Signature(path, exp, uid));
        // Constant time, so response timing reveals nothing about how much of a forgery matched.
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(sig)))
            return SignatureCheck.Invalid;
        return time.GetUtcNow().ToUnixTimeSeconds() >= expiry ? SignatureCheck.Expired : SignatureCheck.Valid;
    }

    private string Signature(string path, string exp, string uid)
    {
        var message = Encoding.UTF8.GetBytes($"{path}\n{exp}\n{uid}");
        return System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(key, message));
    }
}
