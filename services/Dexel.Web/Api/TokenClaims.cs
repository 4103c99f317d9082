using System.Text;
using System.Text.Json;

namespace Dexel.Web.Api;

/// <summary>Reads a claim from a JWT's payload. The app never trusts it for access; the gateway checks every call.</summary>
public static class TokenClaims
{
    public static bool HasRole(string jwt, string role)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3) return false;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            if (!doc.RootElement.TryGetProperty("role", out var claim)) return false;
            return claim.ValueKind == JsonValueKind.Array
                ? claim.EnumerateArray().Any(r => r.GetString() == role)
                : claim.GetString() == role;
        }
        catch (Exception ex) when (ex is FormatException or JsonException) { return false; }
    }
}
