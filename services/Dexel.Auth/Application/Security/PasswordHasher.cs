using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Dexel.Auth.Application.Security;

/// <summary>
/// Argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane), stored in the PHC
/// string format so parameters can be raised later without breaking old hashes.
/// </summary>
public sealed class PasswordHasher
{
    private const int MemoryKiB = 19 * 1024, Iterations = 2, Parallelism = 1, SaltBytes = 16, HashBytes = 32;

    // Verified against when the email is unknown, so both failures cost the same time.
    private readonly Lazy<string> _decoy;

    public PasswordHasher() => _decoy = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(12))));

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(password, salt, MemoryKiB, Iterations, Parallelism);
        return $"$argon2id$v=19$m={MemoryKiB},t={Iterations},p={Parallelism}${B64(salt)}${B64(hash)}";
    }

    public bool Verify(string password, string? stored)
    {
        var parts = (stored ?? _decoy.Value).Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id") return false;
        var parameters = parts[3].Split(',').Select(p => int.Parse(p[2..])).ToArray();
        var expected = FromB64(parts[5]);
        var actual = Compute(password, FromB64(parts[4]), parameters[0], parameters[1], parameters[2], expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected) && stored is not null;
    }

    private static byte[] Compute(string password, byte[] salt, int memory, int iterations, int parallelism, int length = HashBytes)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memory,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(length);
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] FromB64(string text) => Convert.FromBase64String(text.PadRight(text.Length + (4 - text.Length % 4) % 4, '='));
}
