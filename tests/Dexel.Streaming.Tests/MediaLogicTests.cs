using System.Buffers.Binary;
using Dexel.Streaming.Application.Transcoding;
using Dexel.Streaming.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Dexel.Streaming.Tests;

/// <summary>Unit tests of the signing, rewriting and validation rules, no servers involved.</summary>
public sealed class MediaLogicTests
{
    private static readonly Guid User = Guid.Parse("0198c3a0-0000-7000-8000-000000000001");

    [Fact]
    public void A_signed_url_verifies_until_its_expiry_and_not_a_second_after()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z"));
        var signer = new UrlSigner(new byte[32], clock);
        var url = new Uri("http://x" + signer.Sign("/api/v1/media/a/master.m3u8", clock.GetUtcNow().AddHours(1), User));
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);

        SignatureCheck Check() => signer.Verify(url.AbsolutePath, query["exp"], query["uid"], query["sig"]);
        Assert.Equal(SignatureCheck.Valid, Check());
        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(SignatureCheck.Valid, Check());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SignatureCheck.Expired, Check());
    }

    [Fact]
    public void A_different_key_path_user_or_expiry_fails_verification()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z"));
        var signer = new UrlSigner(new byte[32], clock);
        var other = new UrlSigner(Enumerable.Repeat((byte)1, 32).ToArray(), clock);
        var expiry = clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds().ToString();
        var sig = Sig(signer.Sign("/p", expiry, User.ToString()));

        Assert.Equal(SignatureCheck.Valid, signer.Verify("/p", expiry, User.ToString(), sig));
        Assert.Equal(SignatureCheck.Invalid, other.Verify("/p", expiry, User.ToString(), sig));
        Assert.Equal(SignatureCheck.Invalid, signer.Verify("/q", expiry, User.ToString(), sig));
        Assert.Equal(SignatureCheck.Invalid, signer.Verify("/p", expiry, Guid.NewGuid().ToString(), sig));
        Assert.Equal(SignatureCheck.Invalid, signer.Verify("/p", expiry + "0", User.ToString(), sig));
        Assert.Equal(SignatureCheck.Invalid, signer.Verify("/p", "soon", User.ToString(), sig));
        Assert.Equal(SignatureCheck.Missing, signer.Verify("/p", expiry, User.ToString(), null));
    }

    [Fact]
    public void Hls_rewriting_signs_every_uri_and_keeps_tags()
    {
        const string playlist = "#EXTM3U\n#EXT-X-MAP:URI=\"init-0.m4s\"\n#EXTINF:6.0,\nchunk-0-00001.m4s\n#EXT-X-ENDLIST\n";
        var rewritten = PlaylistRewriter.RewriteHls(playlist, name => $"/signed/{name}?s=1");
        Assert.Equal("#EXTM3U\n#EXT-X-MAP:URI=\"/signed/init-0.m4s?s=1\"\n#EXTINF:6.0,\n/signed/chunk-0-00001.m4s?s=1\n#EXT-X-ENDLIST\n", rewritten);
    }

    [Fact]
    public void Dash_rewriting_escapes_the_signed_urls_as_xml()
    {
        const string mpd = "<SegmentList><Initialization sourceURL=\"init-0.m4s\"/><SegmentURL media=\"chunk-0-00001.m4s\"/></SegmentList>";
        var rewritten = PlaylistRewriter.RewriteDash(mpd, name => $"/m/{name}?a=1&b=2");
        Assert.Equal("<SegmentList><Initialization sourceURL=\"/m/init-0.m4s?a=1&amp;b=2\"/><SegmentURL media=\"/m/chunk-0-00001.m4s?a=1&amp;b=2\"/></SegmentList>", rewritten);
        System.Xml.Linq.XDocument.Parse(rewritten);
    }

    [Theory]
    [InlineData("master.m3u8", MediaKind.HlsPlaylist)]
    [InlineData("media_2.m3u8", MediaKind.HlsPlaylist)]
    [InlineData("manifest.mpd", MediaKind.DashManifest)]
    [InlineData("init-1.m4s", MediaKind.Segment)]
    [InlineData("chunk-1-00042.m4s", MediaKind.Segment)]
    [InlineData("original", null)]
    [InlineData("../original", null)]
    [InlineData("chunk-1-00042.m4s.bak", null)]
    public void Only_files_of_the_track_layout_are_media(string file, MediaKind? kind) => Assert.Equal(kind, MediaFiles.KindOf(file));

    [Fact]
    public void A_wav_header_promising_more_audio_than_the_file_holds_is_truncation()
    {
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        "WAVE"u8.CopyTo(header.AsSpan(8));
        "fmt "u8.CopyTo(header.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), 1000);

        Assert.Null(WaveHeader.FindTruncation(header, 44 + 1000));
        Assert.Contains("truncated", WaveHeader.FindTruncation(header, 44 + 999));
        Assert.Null(WaveHeader.FindTruncation("ID3\u0004"u8, 10_000));
    }

    [Fact]
    public void Validation_compares_the_declared_duration_with_what_decoded()
    {
        const string probe = """{"streams":[{"codec_type":"audio","codec_name":"mp3","duration":"60.0"}],"format":{"format_name":"mp3","duration":"60.0"}}""";
        Assert.True(AudioValidation.Judge(probe, TimeSpan.FromSeconds(59.9)).IsValid);
        Assert.Contains("truncated", AudioValidation.Judge(probe, TimeSpan.FromSeconds(30)).Rejection);
        Assert.Contains("no audio stream", AudioValidation.Judge("""{"streams":[{"codec_type":"video"}],"format":{"format_name":"png"}}""", TimeSpan.Zero).Rejection);
        Assert.Contains("at least 1 s", AudioValidation.CheckDuration(TimeSpan.FromMilliseconds(400)).Rejection);
        Assert.Contains("at most 3 h", AudioValidation.CheckDuration(TimeSpan.FromHours(3.5)).Rejection);
        Assert.Equal(TimeSpan.FromSeconds(12.5), AudioValidation.DecodedDuration("out_time_us=5000000\nprogress=continue\nout_time_us=12500000\nprogress=end\n"));
    }

    private static string Sig(string url) => url[(url.IndexOf("&sig=", StringComparison.Ordinal) + 5)..];
}
