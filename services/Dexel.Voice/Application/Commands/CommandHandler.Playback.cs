using Dexel.Speech.Asr;
using Dexel.Voice.Application.Understanding;

namespace Dexel.Voice.Application.Commands;

/// <summary>The commands that start music: each ends in a play directive with a queue.</summary>
public sealed partial class CommandHandler
{
    private const int QueueLength = 50;

    private async Task<HandledCommand> PlayNamedAsync(Turn turn, CancellationToken cancel)
    {
        var catalog = await turn.Lookups.Catalog;
        List<CatalogTrack> tracks;
        if (turn.Command.Intent == "PlayArtist")
        {
            var artist = Resolve(turn, "artist", Artists(catalog));
            if (artist is not NameMatch.Found found) return Unresolved(turn, artist, "artist");
            tracks = catalog.Where(t => string.Equals(t.Artist, found.Candidate.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        else
        {
            var match = Resolve(turn, "track", catalog.Select(t => t.Candidate).ToList(), turn.Command.Slots.GetValueOrDefault("artist"));
            if (match is not NameMatch.Found found) return Unresolved(turn, match, "track");
            tracks = [catalog.First(t => t.Id.ToString() == found.Candidate.Id)];
        }
        var queue = tracks.Select(t => t.Summary).ToList();
        return await PlayQueueAsync(turn, queue, $"Playing {Describe(queue[0])}.", cancel);
    }

    /// <summary>"Play some jazz", "workout music": the catalog's tracks of the genres it stands for, shuffled.</summary>
    private async Task<HandledCommand> PlayGenreAsync(Turn turn, CancellationToken cancel)
    {
        var spoken = turn.Command.Slots["genre"];
        var wanted = intents.GenresOf(spoken).Select(SpeechText.Normalize).ToList();
        var catalog = await turn.Lookups.Catalog;
        var tracks = catalog.Where(t => t.Genre is not null && wanted.Contains(SpeechText.Normalize(t.Genre))).Select(t => t.Summary).ToArray();
        if (tracks.Length == 0) return await Reply(turn, "not-found", $"I don't have any {spoken} yet.");
        Random.Shared.Shuffle(tracks);
        return await PlayQueueAsync(turn, tracks.Take(QueueLength).ToList(), $"Playing {spoken}, starting with {Describe(tracks[0])}.", cancel);
    }

    private async Task<HandledCommand> PlayPlaylistAsync(Turn turn, CancellationToken cancel)
    {
        var match = Resolve(turn, "playlist", await turn.Lookups.Playlists);
        if (match is not NameMatch.Found found) return Unresolved(turn, match, "playlist");
        var playlistId = Guid.Parse(found.Candidate.Id);
        var tracks = (await calls.PlaylistEntriesAsync(playlistId, turn.Token, cancel)).Select(e => e.Track).ToList();
        return tracks.Count == 0
            ? new(turn.Command, new("empty", PlaylistId: playlistId), [], $"Your playlist {found.Candidate.Name} is empty.")
            : await PlayQueueAsync(turn, tracks, $"Playing your playlist {found.Candidate.Name}.", cancel);
    }

    private async Task<HandledCommand> PlayLikedAsync(Turn turn, CancellationToken cancel)
    {
        var liked = await calls.LikedTracksAsync(turn.Token, cancel);
        return liked.Count == 0
            ? new(turn.Command, new("empty"), [], "You haven't liked any songs yet.")
            : await PlayQueueAsync(turn, liked, "Playing your liked songs.", cancel);
    }

    /// <summary>"Play something I'd like": the analytics service's recommendations for the caller.</summary>
    private async Task<HandledCommand> PlayRecommendedAsync(Turn turn, CancellationToken cancel)
    {
        var recommended = await calls.RecommendationsAsync(QueueLength, turn.Token, cancel);
        return recommended.Count == 0
            ? new(turn.Command, new("empty"), [], "I don't know your taste yet. Play or like a few songs and ask me again.")
            : await PlayQueueAsync(turn, recommended, $"Here's something you might like: {Describe(recommended[0])}.", cancel);
    }

    private async Task<HandledCommand> PlayQueueAsync(Turn turn, IReadOnlyList<TrackSummary> queue, string reply, CancellationToken cancel)
    {
        var stream = await calls.StreamAsync(queue[0].Id, turn.Token, cancel);
        turn.Track = queue[0];
        return new(turn.Command, new("done", TrackId: queue[0].Id), [new Directive("play", Track: queue[0], Stream: stream, Queue: queue.Skip(1).ToList())], reply);
    }

    private static List<NameCandidate> Artists(IEnumerable<CatalogTrack> catalog) =>
        catalog.DistinctBy(t => t.Artist, StringComparer.OrdinalIgnoreCase).Select(t => new NameCandidate(t.Artist, t.Artist)).ToList();
}
