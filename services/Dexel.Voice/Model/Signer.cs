using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Dexel.Voice.Model;

/// <summary>HMAC-SHA256 over a message, compared in constant time: stream tickets and reply-audio URLs.</summary>
public sealed class Signer(byte[] key)
{
    public string Sign(string message) => WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message)));

    public bool Verify(string message, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Sign(message)), Encoding.UTF8.GetBytes(signature));
}
