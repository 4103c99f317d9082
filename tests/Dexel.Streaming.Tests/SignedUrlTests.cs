using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dexel.Streaming.Model;
using Microsoft.Extensions.Hosting;

namespace Dexel.Streaming.Tests;

/// <summary>Media URLs work only exactly as signed, for the user they were issued to, until they expire.</summary>
[Collection(StreamingCollection.Name)]
public sealed class SignedUrlTests(StreamingFixture app) : IAsyncLifetime
{
    private Session _owner = null!;
    private Guid _trackId;
    private string _master = "";
    private string _variant = "";
    private string _segment = "";

    public async ValueTask InitializeAsync()
    {
        _owner = await app.RegisterAsync();
        _trackId = await app.UploadAsync(_owner, app.Audio.Tone(3), "audio/wav", "Signed", "Sine Wave");
        Assert.Equal("ready", (await app.WaitFinishedAsync(_owner, _trackId)).GetProperty("status").GetString());
        using var client = app.CreateClient(_owner);
        _master = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{_trackId}/stream")).GetProperty("hls").GetString()!;
        using var media = app.CreateClient();
        _variant = Playlists.HlsVariants(await media.GetStringAsync(_master))[1];
        _segment = Playlists.HlsMedia(await media.GetStringAsync(_variant)).Segments[0];
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_untouched_urls_work()
    {
        using var media = app.CreateClient();
        foreach (var url in new[] { _master, _variant, _segment })
            Assert.Equal(HttpStatusCode.OK, (await media.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Any_changed_character_of_the_signature_is_refused()
    {
        foreach (var url in new[] { _master, _variant, _segment })
        {
            var sig = url[(url.IndexOf("&sig=") + 5)..];
            foreach (var position in new[] { 0, sig.Length / 2, sig.Length - 1 })
            {
                var changed = sig[..position] + (sig[position] == 'A' ? 'B' : 'A') + sig[(position + 1)..];
                await AssertForbiddenAsync(url.Replace("&sig=" + sig, "&sig=" + changed), "does not match");
            }
        }
    }

    [Fact]
    public async Task A_signature_does_not_transfer_to_another_path()
    {
        var query = _variant[_variant.IndexOf('?')..];
        await AssertForbiddenAsync(MediaFiles.PublicPath(_trackId, "media_2.m3u8") + query, "does not match");
        await AssertForbiddenAsync(MediaFiles.PublicPath(Guid.NewGuid(), "media_1.m3u8") + query, "does not match");
        var segmentQuery = _segment[_segment.IndexOf('?')..];
        await AssertForbiddenAsync(MediaFiles.PublicPath(_trackId, "chunk-1-00002.m4s") + segmentQuery, "does not match");
    }

    [Fact]
    public async Task A_url_issued_to_one_user_cannot_be_replayed_as_another()
    {
        var other = await app.RegisterAsync();
        await AssertForbiddenAsync(_master.Replace($"uid={_owner.UserId}", $"uid={other.UserId}"), "does not match");
        await AssertForbiddenAsync(_segment.Replace($"uid={_owner.UserId}", $"uid={other.UserId}"), "does not match");
    }

    [Fact]
    public async Task An_expired_url_is_refused_even_when_correctly_signed()
    {
        // Signed with the service's real key, one second in the past.
        var signer = new UrlSigner(System.Text.Encoding.UTF8.GetBytes(app.SigningKey), TimeProvider.System);
        var expired = signer.Sign(MediaFiles.PublicPath(_trackId, MediaFiles.Master), DateTimeOffset.UtcNow.AddSeconds(-1), _owner.UserId);
        await AssertForbiddenAsync(expired, "expired");

        // The same key with a future expiry works, so the refusal above was the expiry alone.
        var valid = signer.Sign(MediaFiles.PublicPath(_trackId, MediaFiles.Master), DateTimeOffset.UtcNow.AddMinutes(5), _owner.UserId);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(valid)).StatusCode);
    }

    [Fact]
    public async Task Moving_the_expiry_later_breaks_the_signature()
    {
        var exp = long.Parse(System.Text.RegularExpressions.Regex.Match(_master, @"exp=(\d+)").Groups[1].Value);
        await AssertForbiddenAsync(_master.Replace($"exp={exp}", $"exp={exp + 3600}"), "does not match");
    }

    [Fact]
    public async Task Unsigned_media_requests_are_refused_even_with_a_bearer_token()
    {
        using var client = app.CreateClient(_owner);
        using var response = await client.GetAsync(MediaFiles.PublicPath(_trackId, MediaFiles.Master));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("exp, uid and sig", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_validly_signed_name_outside_the_track_layout_is_not_served()
    {
        var signer = new UrlSigner(System.Text.Encoding.UTF8.GetBytes(app.SigningKey), TimeProvider.System);
        var original = signer.Sign(MediaFiles.PublicPath(_trackId, "original"), DateTimeOffset.UtcNow.AddMinutes(5), _owner.UserId);
        using var response = await app.CreateClient().GetAsync(original);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task AssertForbiddenAsync(string url, string detail)
    {
        using var media = app.CreateClient();
        using var response = await media.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
