using System.Globalization;
using Dexel.Voice.Application.Understanding;

namespace Dexel.Voice.Application.Commands;

/// <summary>The commands that change the caller's library: likes, playlists, follows.</summary>
public sealed partial class CommandHandler
{
    private async Task<HandledCommand> LikeAsync(Turn turn, bool like, CancellationToken cancel)
    {
        if (turn.Playing is not { } playing) return await Reply(turn, "needs-context", $"Nothing is playing to {(like ? "like" : "unlike")}.");
        await calls.LikeAsync(playing.TrackId, like, turn.Token, cancel);
        return new(turn.Command, new("done", TrackId: playing.TrackId), [], like ? "Added to your liked songs." : "Removed from your liked songs.");
    }

    /// <summary>"Add this to road trip", or a named track: "add blue in green to road trip".</summary>
    private async Task<HandledCommand> AddToPlaylistAsync(Turn turn, CancellationToken cancel)
    {
        TrackSummary track;
        if (turn.Command.Slots.ContainsKey("track"))
        {
            var catalog = await turn.Lookups.Catalog;
            var match = Resolve(turn, "track", catalog.Select(t => t.Candidate).ToList(), turn.Command.Slots.GetValueOrDefault("artist"));
            if (match is not NameMatch.Found named) return Unresolved(turn, match, "track");
            track = catalog.First(t => t.Id.ToString() == named.Candidate.Id).Summary;
        }
        else if (turn.Playing is { } playing) track = new TrackSummary(playing.TrackId, playing.Title ?? "it", playing.Artist ?? "");
        else return await Reply(turn, "needs-context", "Nothing is playing to add.");

        var playlist = Resolve(turn, "playlist", await turn.Lookups.Playlists);
        if (playlist is not NameMatch.Found found) return Unresolved(turn, playlist, "playlist");
        var playlistId = Guid.Parse(found.Candidate.Id);
        await calls.AddToPlaylistAsync(playlistId, track.Id, turn.Token, cancel);
        turn.Track = track;
        // "No, the other one" after an add means it went to the wrong playlist: take it out of that one.
        if (turn.Chosen is { Slot: "playlist", Instead: { } wrong })
        {
            await RemoveAsync(Guid.Parse(wrong.Id), track.Id, turn.Token, cancel);
            return new(turn.Command, new("done", PlaylistId: playlistId, TrackId: track.Id), [], $"Moved {track.Title} from {wrong.Name} to {found.Candidate.Name}.");
        }
        return new(turn.Command, new("done", PlaylistId: playlistId, TrackId: track.Id), [], $"Added {track.Title} to {found.Candidate.Name}.");
    }

    private async Task<HandledCommand> RemoveFromPlaylistAsync(Turn turn, CancellationToken cancel)
    {
        if (turn.Playing is not { } playing) return await Reply(turn, "needs-context", "Nothing is playing to remove.");
        var match = Resolve(turn, "playlist", await turn.Lookups.Playlists);
        if (match is not NameMatch.Found found) return Unresolved(turn, match, "playlist");
        var playlistId = Guid.Parse(found.Candidate.Id);
        if (!await RemoveAsync(playlistId, playing.TrackId, turn.Token, cancel))
            return new(turn.Command, new("not-found", PlaylistId: playlistId, TrackId: playing.TrackId), [],
                $"{playing.Title ?? "This track"} isn't in {found.Candidate.Name}.");
        return new(turn.Command, new("done", PlaylistId: playlistId, TrackId: playing.TrackId), [], $"Removed {playing.Title ?? "it"} from {found.Candidate.Name}.");
    }

    /// <summary>Takes the track's last entry out of the playlist (the one most likely added by mistake); false if it is not there.</summary>
    private async Task<bool> RemoveAsync(Guid playlistId, Guid trackId, string token, CancellationToken cancel)
    {
        var entry = (await calls.PlaylistEntriesAsync(playlistId, token, cancel)).LastOrDefault(e => e.Track.Id == trackId);
        if (entry is null) return false;
        await calls.RemoveFromPlaylistAsync(playlistId, entry.Position, token, cancel);
        return true;
    }

    private async Task<HandledCommand> CreatePlaylistAsync(Turn turn, CancellationToken cancel)
    {
        var name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(turn.Command.Slots["name"]);
        var id = await calls.CreatePlaylistAsync(name, turn.Token, cancel);
        return new(turn.Command, new("done", PlaylistId: id), [], $"Created the playlist {name}.");
    }

    /// <summary>Deleting is not undone, so it waits for a "yes" (DialogueStore).</summary>
    private async Task<HandledCommand> AskToDeletePlaylistAsync(Turn turn, CancellationToken cancel)
    {
        var match = Resolve(turn, "playlist", await turn.Lookups.Playlists);
        if (match is not NameMatch.Found found) return Unresolved(turn, match, "playlist");
        var playlistId = Guid.Parse(found.Candidate.Id);
        await dialogue.AskAsync(turn.UserId, turn.Session, new PendingAction("DeletePlaylist", playlistId, found.Candidate.Name));
        return new(turn.Command, new("needs-confirmation", PlaylistId: playlistId), [], $"Delete your playlist {found.Candidate.Name}? Say yes to confirm.");
    }

    private async Task<HandledCommand> ConfirmAsync(Turn turn, CancellationToken cancel)
    {
        if (await dialogue.TakePendingAsync(turn.UserId, turn.Session) is not { Intent: "DeletePlaylist" } action)
            return new(turn.Command, new("needs-context"), [], "There is nothing to confirm.");
        await calls.DeletePlaylistAsync(action.TargetId, turn.Token, cancel);
        return new(turn.Command, new("done", PlaylistId: action.TargetId), [], $"Deleted your playlist {action.TargetName}.");
    }

    private async Task<HandledCommand> DenyAsync(Turn turn) =>
        await dialogue.TakePendingAsync(turn.UserId, turn.Session) is { } action
            ? new(turn.Command, new("cancelled", PlaylistId: action.TargetId), [], $"Okay, I'll keep {action.TargetName}.")
            : new(turn.Command, new("cancelled"), [], "Okay.");

    /// <summary>Artists are names on tracks; following one follows the user who uploaded their music.</summary>
    private async Task<HandledCommand> FollowAsync(Turn turn, CancellationToken cancel)
    {
        CatalogTrack track;
        if (turn.Command.Slots.ContainsKey("artist"))
        {
            var catalog = await turn.Lookups.Catalog;
            var artist = Resolve(turn, "artist", Artists(catalog));
            if (artist is not NameMatch.Found found) return Unresolved(turn, artist, "artist");
            track = catalog.First(t => string.Equals(t.Artist, found.Candidate.Name, StringComparison.OrdinalIgnoreCase));
        }
        else if (turn.Playing is { } playing) track = await calls.TrackAsync(playing.TrackId, turn.Token, cancel);
        else return await Reply(turn, "needs-context", "Nothing is playing, so I don't know whom to follow.");

        if (track.UploaderId == turn.UserId) return await Reply(turn, "not-allowed", "That's your own music.");
        await calls.FollowAsync(track.UploaderId, turn.Token, cancel);
        return new(turn.Command, new("done", TrackId: track.Id), [], $"You're now following {track.Artist}.");
    }
}
