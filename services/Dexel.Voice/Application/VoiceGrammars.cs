using Dexel.Speech.Asr;
using Microsoft.Extensions.Caching.Memory;

namespace Dexel.Voice.Application;

/// <summary>
/// Each user's command grammar, cached. The vocabulary is re-read at most once a minute per
/// user; the grammar is rebuilt only when that vocabulary changed (its name is its content's
/// hash, so decoders compile each distinct grammar once).
/// </summary>
public sealed class VoiceGrammars(IVoiceVocabularySource source, CommandGrammarBuilder builder, IMemoryCache cache)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);

    public async Task<CommandGrammar> ForUserAsync(Guid userId, string? accessToken, CancellationToken cancel)
    {
        var key = "grammar:" + userId;
        if (cache.TryGetValue<CommandGrammar>(key, out var cached) && cached is not null && accessToken is null) return cached;
        if (cache.TryGetValue<CommandGrammar>(key + ":fresh", out var fresh) && fresh is not null) return fresh;

        var vocabulary = await source.GetAsync(userId, accessToken, cancel);
        var grammar = builder.Build(vocabulary);
        if (cached is not null && cached.Name == grammar.Name) grammar = cached;
        cache.Set(key, grammar, TimeSpan.FromHours(1));
        cache.Set(key + ":fresh", grammar, Refresh);
        return grammar;
    }
}
