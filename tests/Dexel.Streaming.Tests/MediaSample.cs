using System.Net.Http.Json;
using System.Text.Json;
using Dexel.Testing;

namespace Dexel.Streaming.Tests;

/// <summary>A 20 s track uploaded once per fixture, with the signed URLs a player would follow to it.</summary>
public sealed record MediaSample(Guid TrackId, Session Owner, string Master, string Manifest, DateTimeOffset ExpiresAt, string Variant, string Init, IReadOnlyList<string> Segments)
{
    public const double Seconds = 20;

    public static async Task<MediaSample> UploadAsync(StreamingFixture app)
    {
        var owner = await app.RegisterAsync();
        var id = await app.UploadAsync(owner, app.Audio.Noise(Seconds), "audio/wav", "Pink noise", "Noise Machine");
        var track = await app.WaitFinishedAsync(owner, id);
        Assert.True(track.GetProperty("status").GetString() == "ready", track.ToString());

        using var client = app.CreateClient(owner);
        var stream = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{id}/stream");
        var master = stream.GetProperty("hls").GetString()!;
        using var media = app.CreateClient();
        var variant = Playlists.HlsVariants(await media.GetStringAsync(master))[0];
        var (init, segments) = Playlists.HlsMedia(await media.GetStringAsync(variant));
        return new MediaSample(id, owner, master, stream.GetProperty("dash").GetString()!, stream.GetProperty("expiresAt").GetDateTimeOffset(), variant, init, segments);
    }
}
