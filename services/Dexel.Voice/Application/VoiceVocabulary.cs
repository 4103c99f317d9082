using System.Net.Http.Headers;
using System.Text.Json;
using Dexel.Speech.Asr;
using Microsoft.Extensions.Options;

namespace Dexel.Voice.Application;

/// <summary>Where a user's grammar comes from: the command phrases and the names to fill their slots.</summary>
public interface IVoiceVocabularySource
{
    Task<GrammarSource> GetAsync(Guid userId, string? accessToken, CancellationToken cancel);
}

/// <summary>
/// Phrases from configuration ("Voice:Phrases"; the intents work replaces them), slots from the
/// caller's view of the catalog (track titles, artists) and their own playlists, read from the
/// streaming and playlist services with the caller's token. A service that cannot be reached
/// leaves its slots empty: the commands without names still work.
/// </summary>
public sealed class CatalogVocabularySource(IHttpClientFactory http, IOptions<VoiceOptions> options, ILogger<CatalogVocabularySource> logger)
    : IVoiceVocabularySource
{
    public const string HttpClientName = "voice-vocabulary";
    private const int CatalogNames = 200;

    public async Task<GrammarSource> GetAsync(Guid userId, string? accessToken, CancellationToken cancel)
    {
        var slots = new Dictionary<string, IReadOnlyList<string>>();
        if (accessToken is not null)
        {
            var tracks = await ReadItemsAsync($"http://streaming/api/v1/tracks?limit={CatalogNames}", accessToken, cancel);
            slots["track"] = Values(tracks, "title");
            slots["artist"] = Values(tracks, "artist");
            slots["playlist"] = Values(await ReadItemsAsync("http://playlist/api/v1/playlists", accessToken, cancel), "name");
        }
        return new GrammarSource(options.Value.Phrases, slots);
    }

    private async Task<JsonElement[]> ReadItemsAsync(string url, string accessToken, CancellationToken cancel)
    {
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await client.SendAsync(request, cancel);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancel);
            return body.GetProperty("items").EnumerateArray().ToArray();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            logger.LogWarning("Voice vocabulary: {Url} unavailable ({Error}); its names are left out of the grammar", url, ex.Message);
            return [];
        }
    }

    private static string[] Values(JsonElement[] items, string property) =>
        items.Select(i => i.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
            .OfType<string>().Where(s => s.Length is > 0 and <= 100).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}
