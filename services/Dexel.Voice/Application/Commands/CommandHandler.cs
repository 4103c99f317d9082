using Dexel.Voice.Application.Understanding;

namespace Dexel.Voice.Application.Commands;

/// <summary>What a command came to, before its reply is spoken.</summary>
public sealed record HandledCommand(ParsedCommand? Parsed, CommandOutcome Outcome, IReadOnlyList<Directive> Directives, string Reply);

/// <summary>
/// Text in, action and reply out: the parser's readings are tried most specific first, their
/// names resolved against the catalog or the caller's playlists, and the action run with the
/// caller's token. Player actions come back as directives for the client to carry out.
/// </summary>
public sealed class CommandHandler(CommandParser parser, NameMatcher names, DexelCalls calls, PendingConfirmations pending)
{
    public async Task<HandledCommand> HandleAsync(string text, CommandContext? context, Guid userId, string token, CancellationToken cancel)
    {
        var readings = parser.Parse(text);
        if (readings.Count == 0) return new(null, new("not-understood"), [], "Sorry, I didn't understand that.");
        HandledCommand? first = null;
        foreach (var reading in readings)
        {
            HandledCommand handled;
            try
            {
                handled = await ActAsync(reading, context?.NowPlaying, userId, token, cancel);
            }
            catch (ServiceUnavailableException down)
            {
                handled = new(reading, new("unavailable"), [], down.Service == "playlist"
                    ? "Sorry, I can't reach your playlists right now."
                    : "Sorry, I can't reach the music catalog right now.");
            }
            catch (CommandRefusedException)
            {
                handled = new(reading, new("not-allowed"), [], "Sorry, I'm not allowed to do that.");
            }
            // "play queen" is a track or an artist: a reading whose name is not found gives way to
            // the next; the first reading's answer stands unless a later one does better.
            if (handled.Outcome.Status is not ("not-found" or "not-supported")) return handled;
            first ??= handled;
        }
        return first!;
    }

    private Task<HandledCommand> ActAsync(ParsedCommand command, NowPlaying? playing, Guid userId, string token, CancellationToken cancel) => command.Intent switch
    {
        "Pause" => Player(command, new Directive("pause"), "Paused."),
        "Resume" => Player(command, new Directive("resume"), "Resuming."),
        "Next" => Player(command, new Directive("next"), "Skipping."),
        "Previous" => Player(command, new Directive("previous"), "Going back."),
        "VolumeUp" => Player(command, new Directive("volume-up"), "Turning it up."),
        "VolumeDown" => Player(command, new Directive("volume-down"), "Turning it down."),
        "VolumeSet" => Number(command, 100) is { } volume
            ? Player(command, new Directive("volume", Value: volume), $"Volume {volume}.")
            : Reply(command, "not-understood", "The volume goes from zero to one hundred."),
        "Seek" => Number(command, 100) is { } second
            ? Player(command, new Directive("seek", Value: second), $"Going to {SpokenNumber.Say(second)} seconds.")
            : Reply(command, "not-understood", "I can jump to a second from zero to one hundred."),
        "WhatsPlaying" => playing is null
            ? Reply(command, "needs-context", "Nothing is playing right now.")
            : Reply(command, "done", $"This is {playing.Title ?? "an untitled track"}{(playing.Artist is null ? "" : $" by {playing.Artist}")}."),
        "Like" or "Unlike" => LikeAsync(command, playing, command.Intent == "Like", token, cancel),
        "AddToPlaylist" => AddToPlaylistAsync(command, playing, token, cancel),
        "CreatePlaylist" => CreatePlaylistAsync(command, token, cancel),
        "PlayTrack" or "PlayArtist" => PlayAsync(command, token, cancel),
        "PlayPlaylist" => PlayPlaylistAsync(command, token, cancel),
        "PlayLiked" => PlayLikedAsync(command, token, cancel),
        "DeletePlaylist" => AskToDeletePlaylistAsync(command, userId, token, cancel),
        "Confirm" => ConfirmAsync(command, userId, token, cancel),
        "Deny" => DenyAsync(command, userId),
        _ => Reply(command, "not-supported", "Sorry, I can't do that yet."),
    };

    private async Task<HandledCommand> LikeAsync(ParsedCommand command, NowPlaying? playing, bool like, string token, CancellationToken cancel)
    {
        if (playing is null) return await Reply(command, "needs-context", "Nothing is playing to like.");
        await calls.LikeAsync(playing.TrackId, like, token, cancel);
        return new(command, new("done", TrackId: playing.TrackId), [], like ? "Added to your liked songs." : "Removed from your liked songs.");
    }

    private async Task<HandledCommand> AddToPlaylistAsync(ParsedCommand command, NowPlaying? playing, string token, CancellationToken cancel)
    {
        if (command.Slots.ContainsKey("track")) return await Reply(command, "not-supported", "Sorry, I can only add the song that is playing.");
        if (playing is null) return await Reply(command, "needs-context", "Nothing is playing to add.");
        var match = names.Match(command.Slots["playlist"], await calls.PlaylistsAsync(token, cancel));
        if (match is not NameMatch.Found found) return Unresolved(command, match, "playlist", command.Slots["playlist"]);
        var playlistId = Guid.Parse(found.Candidate.Id);
        await calls.AddToPlaylistAsync(playlistId, playing.TrackId, token, cancel);
        return new(command, new("done", PlaylistId: playlistId, TrackId: playing.TrackId), [],
            $"Added {playing.Title ?? "it"} to {found.Candidate.Name}.");
    }

    private async Task<HandledCommand> CreatePlaylistAsync(ParsedCommand command, string token, CancellationToken cancel)
    {
        var name = System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(command.Slots["name"]);
        var id = await calls.CreatePlaylistAsync(name, token, cancel);
        return new(command, new("done", PlaylistId: id), [], $"Created the playlist {name}.");
    }

    private async Task<HandledCommand> PlayAsync(ParsedCommand command, string token, CancellationToken cancel)
    {
        var catalog = await calls.TracksAsync(token, cancel);
        List<NameCandidate> tracks;
        if (command.Intent == "PlayArtist")
        {
            var artists = catalog.Where(t => t.Detail is not null).DistinctBy(t => t.Detail, StringComparer.OrdinalIgnoreCase)
                .Select(t => new NameCandidate(t.Detail!, t.Detail!)).ToList();
            var artist = names.Match(command.Slots["artist"], artists);
            if (artist is not NameMatch.Found found) return Unresolved(command, artist, "artist", command.Slots["artist"]);
            tracks = catalog.Where(t => string.Equals(t.Detail, found.Candidate.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        else
        {
            var match = names.Match(command.Slots["track"], catalog, command.Slots.GetValueOrDefault("artist"));
            if (match is not NameMatch.Found found) return Unresolved(command, match, "track", command.Slots["track"]);
            tracks = [found.Candidate];
        }
        var queue = tracks.Select(t => new TrackSummary(Guid.Parse(t.Id), t.Name, t.Detail ?? "")).ToList();
        return await PlayQueueAsync(command, queue, $"Playing {queue[0].Title} by {queue[0].Artist}.", token, cancel);
    }

    private async Task<HandledCommand> PlayPlaylistAsync(ParsedCommand command, string token, CancellationToken cancel)
    {
        var match = names.Match(command.Slots["playlist"], await calls.PlaylistsAsync(token, cancel));
        if (match is not NameMatch.Found found) return Unresolved(command, match, "playlist", command.Slots["playlist"]);
        var tracks = await calls.PlaylistTracksAsync(Guid.Parse(found.Candidate.Id), token, cancel);
        return tracks.Count == 0
            ? new(command, new("empty", PlaylistId: Guid.Parse(found.Candidate.Id)), [], $"Your playlist {found.Candidate.Name} is empty.")
            : await PlayQueueAsync(command, tracks, $"Playing your playlist {found.Candidate.Name}.", token, cancel);
    }

    private async Task<HandledCommand> PlayLikedAsync(ParsedCommand command, string token, CancellationToken cancel)
    {
        var liked = await calls.LikedTracksAsync(token, cancel);
        return liked.Count == 0
            ? new(command, new("empty"), [], "You haven't liked any songs yet.")
            : await PlayQueueAsync(command, liked, "Playing your liked songs.", token, cancel);
    }

    /// <summary>Deleting is not undone, so it waits for a "yes" (PendingConfirmations).</summary>
    private async Task<HandledCommand> AskToDeletePlaylistAsync(ParsedCommand command, Guid userId, string token, CancellationToken cancel)
    {
        var match = names.Match(command.Slots["playlist"], await calls.PlaylistsAsync(token, cancel));
        if (match is not NameMatch.Found found) return Unresolved(command, match, "playlist", command.Slots["playlist"]);
        var playlistId = Guid.Parse(found.Candidate.Id);
        await pending.AskAsync(userId, new PendingAction("DeletePlaylist", playlistId, found.Candidate.Name));
        return new(command, new("needs-confirmation", PlaylistId: playlistId), [], $"Delete your playlist {found.Candidate.Name}? Say yes to confirm.");
    }

    private async Task<HandledCommand> ConfirmAsync(ParsedCommand command, Guid userId, string token, CancellationToken cancel)
    {
        if (await pending.TakeAsync(userId) is not { Intent: "DeletePlaylist" } action) return new(command, new("needs-context"), [], "There is nothing to confirm.");
        await calls.DeletePlaylistAsync(action.TargetId, token, cancel);
        return new(command, new("done", PlaylistId: action.TargetId), [], $"Deleted your playlist {action.TargetName}.");
    }

    private async Task<HandledCommand> DenyAsync(ParsedCommand command, Guid userId) =>
        await pending.TakeAsync(userId) is { } action
            ? new(command, new("cancelled", PlaylistId: action.TargetId), [], $"Okay, I'll keep {action.TargetName}.")
            : new(command, new("cancelled"), [], "Okay.");

    private async Task<HandledCommand> PlayQueueAsync(ParsedCommand command, IReadOnlyList<TrackSummary> queue, string reply, string token, CancellationToken cancel)
    {
        var stream = await calls.StreamAsync(queue[0].Id, token, cancel);
        return new(command, new("done", TrackId: queue[0].Id), [new Directive("play", Track: queue[0], Stream: stream, Queue: queue.Skip(1).ToList())], reply);
    }

    private static HandledCommand Unresolved(ParsedCommand command, NameMatch match, string kind, string spoken) => match switch
    {
        NameMatch.Ambiguous ambiguous => new(command, new("ambiguous", Choices: ambiguous.Candidates.Select(Describe).ToList()), [],
            $"Did you mean {string.Join(" or ", ambiguous.Candidates.Select(Describe))}?"),
        NameMatch.NotFound { Nearest: { } nearest } => new(command, new("not-found", Choices: [Describe(nearest)]), [],
            $"I couldn't find the {kind} {spoken}. The closest is {Describe(nearest)}."),
        _ => new(command, new("not-found"), [], $"I couldn't find the {kind} {spoken}."),
    };

    private static string Describe(NameCandidate candidate) => candidate.Detail is null ? candidate.Name : $"{candidate.Name} by {candidate.Detail}";

    private static int? Number(ParsedCommand command, int max) =>
        SpokenNumber.Parse(command.Slots["number"]) is { } n && n <= max ? n : null;

    private static Task<HandledCommand> Player(ParsedCommand command, Directive directive, string reply) =>
        Task.FromResult(new HandledCommand(command, new("done"), [directive], reply));

    private static Task<HandledCommand> Reply(ParsedCommand command, string status, string reply) =>
        Task.FromResult(new HandledCommand(command, new(status), [], reply));
}
