using System.Text.Json;
using Dexel.Speech.Asr;
using Dexel.Voice.Application.Commands;
using Dexel.Voice.Application.Understanding;

namespace Dexel.Voice.Application;

/// <summary>Where a user's grammar comes from: the command phrases and the names to fill their slots.</summary>
public interface IVoiceVocabularySource
{
    Task<GrammarSource> GetAsync(Guid userId, string? accessToken, CancellationToken cancel);
}

/// <summary>
/// The phrasings of every intent (intents.json, as the text parser reads them), slots from the
/// caller's view of the catalog (track titles, artists) and their own playlists, read from the
/// streaming and playlist services with the caller's token. A service that cannot be reached
/// leaves its slots empty: the commands without names still work.
/// </summary>
public sealed class CatalogVocabularySource(DexelCalls calls, IntentCatalog intents, ILogger<CatalogVocabularySource> logger)
    : IVoiceVocabularySource
{
    public async Task<GrammarSource> GetAsync(Guid userId, string? accessToken, CancellationToken cancel)
    {
        var slots = new Dictionary<string, IReadOnlyList<string>>();
        if (accessToken is not null)
        {
            var tracks = await ReadAsync("the catalog", () => calls.CatalogAsync(accessToken, cancel));
            slots["track"] = Names(tracks.Select(t => t.Title));
            slots["artist"] = Names(tracks.Select(t => t.Artist));
            slots["playlist"] = Names((await ReadAsync("the playlists", () => calls.PlaylistsAsync(accessToken, cancel))).Select(p => p.Name));
        }
        return intents.GrammarSource(slots);
    }

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string what, Func<Task<IReadOnlyList<T>>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is ServiceUnavailableException or CommandRefusedException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            logger.LogWarning("Voice vocabulary: {What} unavailable ({Error}); its names are left out of the grammar", what, ex.Message);
            return [];
        }
    }

    private static string[] Names(IEnumerable<string?> names) =>
        names.OfType<string>().Where(s => s.Length is > 0 and <= 100).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}
