using System.Globalization;
using Dexel.Voice.Model;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dexel.Voice.Application;

public sealed record StoredAudio(byte[] Bytes, string MediaType);

/// <summary>
/// Spoken replies, kept in memory for a short while behind a signed URL (like media URLs: the
/// signature is the authorization, so an audio element can play it without a token). The URL
/// is served by the replica that made it; replies are seconds old when played.
/// </summary>
public sealed class ReplyAudioStore(IMemoryCache cache, Signer signer, TimeProvider time, IOptions<VoiceOptions> options)
{
    public const string PathPrefix = "/api/v1/voice/audio/";

    public (string Url, DateTimeOffset ExpiresAt) Keep(StoredAudio audio, Guid userId)
    {
        var id = Guid.NewGuid().ToString("N");
        var expiresAt = time.GetUtcNow() + options.Value.ReplyAudioLifetime;
        cache.Set(Key(id), audio, expiresAt);
        var exp = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var uid = userId.ToString("N");
        return ($"{PathPrefix}{id}?exp={exp}&uid={uid}&sig={signer.Sign($"{id}\n{exp}\n{uid}")}", expiresAt);
    }

    /// <summary>The audio when the signature is right and unexpired; null otherwise.</summary>
    public StoredAudio? Find(string id, string? exp, string? uid, string? sig)
    {
        if (exp is null || uid is null || sig is null || !signer.Verify($"{id}\n{exp}\n{uid}", sig)) return null;
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry) || time.GetUtcNow().ToUnixTimeSeconds() >= expiry) return null;
        return cache.TryGetValue<StoredAudio>(Key(id), out var audio) ? audio : null;
    }

    private static string Key(string id) => "reply-audio:" + id;
}
