using Dexel.Voice.Application.Understanding;

namespace Dexel.Voice.Application.Commands;

/// <summary>The commands that answer with tracks to hear about rather than play: search and history.</summary>
public sealed partial class CommandHandler
{
    private const int SearchResults = 5;
    private const int HistoryDepth = 100;

    /// <summary>The results are left open, so "play the first one" plays it.</summary>
    private async Task<HandledCommand> SearchAsync(Turn turn, CancellationToken cancel)
    {
        var query = turn.Command.Slots["query"];
        var found = await calls.SearchAsync(query, SearchResults, turn.Token, cancel);
        if (found.Count == 0) return new(turn.Command, new("not-found", Tracks: []), [], $"I found nothing for {query}.");
        turn.Choice = new OpenChoice("PlayTrack", new Dictionary<string, string> { ["track"] = query }, "track", found.Select(t => t.Candidate).ToList(), null);
        var tracks = found.Select(t => t.Summary).ToList();
        return new(turn.Command, new("done", Tracks: tracks), [],
            $"I found {(tracks.Count == 1 ? "one track" : $"{SpokenNumber.Say(tracks.Count)} tracks")}: {List(tracks)}.");
    }

    /// <summary>"What did I listen to yesterday": the caller's plays of that UTC day, newest first, each track once.</summary>
    private async Task<HandledCommand> HistoryAsync(Turn turn, CancellationToken cancel)
    {
        var spokenDay = turn.Command.Slots.GetValueOrDefault("day", "today");
        var day = DateTime.UtcNow.Date.AddDays(spokenDay == "yesterday" ? -1 : 0);
        var played = (await calls.HistoryAsync(HistoryDepth, turn.Token, cancel))
            .Where(p => p.PlayedAt.Date == day).Select(p => p.Track).DistinctBy(t => t.Id).ToList();
        return played.Count == 0
            ? new(turn.Command, new("empty", Tracks: []), [], $"You haven't listened to anything {spokenDay}.")
            : new(turn.Command, new("done", Tracks: played), [], $"{char.ToUpperInvariant(spokenDay[0])}{spokenDay[1..]} you listened to {List(played)}.");
    }
}
