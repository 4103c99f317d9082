using Dexel.Voice.Application.Understanding;

namespace Dexel.Voice.Application.Commands;

/// <summary>What a command came to, before its reply is spoken.</summary>
public sealed record HandledCommand(ParsedCommand? Parsed, CommandOutcome Outcome, IReadOnlyList<Directive> Directives, string Reply);

/// <summary>
/// Text in, action and reply out: the parser's readings are tried most specific first, their
/// names resolved against the catalog or the caller's playlists, and the action run with the
/// caller's token. Player actions come back as directives for the client to carry out. What a
/// command leaves behind (a question, the track it acted on) is the next command's context.
/// The actions live in the partial files beside this one, by what they touch. What no phrasing
/// fits goes to the language model fallback, when one is configured.
/// </summary>
public sealed partial class CommandHandler(CommandParser parser, IntentCatalog intents, NameMatcher names, DexelCalls calls, DialogueStore dialogue,
    LlmCommandReader? fallback = null)
{
    public async Task<HandledCommand> HandleAsync(string text, CommandContext? context, Guid userId, string token, CancellationToken cancel)
    {
        var readings = parser.Parse(text);
        if (readings.Count == 0 && fallback is not null && await fallback.ReadAsync(text, cancel) is { } read) readings = [read];
        if (readings.Count == 0) return new(null, new("not-understood"), [], "Sorry, I didn't understand that.");
        var session = context?.SessionId;
        var state = await dialogue.LoadAsync(userId, session);
        var playing = context?.NowPlaying ?? (state.LastTrack is { } last ? new NowPlaying(last.Id, last.Title, last.Artist) : null);
        (HandledCommand Handled, Turn Turn)? first = null;
        var lookups = new Lookups(calls, token, cancel);
        foreach (var reading in readings)
        {
            var turn = new Turn(reading, userId, session, token, playing, lookups);
            var handled = reading.Intent == "Choose" ? await ChooseAsync(turn, state.Choice, cancel) : await SafelyAsync(turn, cancel);
            // "play queen" is a track or an artist: a reading whose name is not found gives way to
            // the next; the first reading's answer stands unless a later one finds its names.
            if (first is null ? handled.Outcome.Status is not ("not-found" or "not-supported")
                              : handled.Outcome.Status is "done" or "needs-confirmation" or "ambiguous" or "empty")
            {
                await RememberAsync(turn, state, handled);
                return handled;
            }
            first ??= (handled, turn);
        }
        await RememberAsync(first!.Value.Turn, state, first.Value.Handled);
        return first.Value.Handled;
    }

    private Task RememberAsync(Turn turn, DialogueState before, HandledCommand handled) =>
        dialogue.SaveAsync(turn.UserId, turn.Session, new DialogueState(
            turn.Choice, turn.Track ?? handled.Directives.FirstOrDefault(d => d.Track is not null)?.Track ?? before.LastTrack));

    private async Task<HandledCommand> SafelyAsync(Turn turn, CancellationToken cancel)
    {
        try
        {
            return await ActAsync(turn, cancel);
        }
        catch (ServiceUnavailableException down)
        {
            return new(turn.Command, new("unavailable"), [], down.Service switch
            {
                "playlist" => "Sorry, I can't reach your playlists right now.",
                "analytics" => "Sorry, I can't reach your listening history right now.",
                "dialogue" => "Sorry, I can't ask you to confirm right now, so I haven't changed anything.",
                _ => "Sorry, I can't reach the music catalog right now.",
            });
        }
        catch (CommandRefusedException)
        {
            return new(turn.Command, new("not-allowed"), [], "Sorry, I'm not allowed to do that.");
        }
    }

    private Task<HandledCommand> ActAsync(Turn turn, CancellationToken cancel) => turn.Command.Intent switch
    {
        "Pause" => Player(turn, new Directive("pause"), "Paused."),
        "Resume" => Player(turn, new Directive("resume"), "Resuming."),
        "Next" => Player(turn, new Directive("next"), "Skipping."),
        "Previous" => Player(turn, new Directive("previous"), "Going back."),
        "VolumeUp" => Player(turn, new Directive("volume-up"), "Turning it up."),
        "VolumeDown" => Player(turn, new Directive("volume-down"), "Turning it down."),
        "VolumeSet" => Number(turn, 100) is { } volume
            ? Player(turn, new Directive("volume", Value: volume), $"Volume {volume}.")
            : Reply(turn, "not-understood", "The volume goes from zero to one hundred."),
        "Seek" => Number(turn, 100) is { } second
            ? Player(turn, new Directive("seek", Value: second), $"Going to {SpokenNumber.Say(second)} seconds.")
            : Reply(turn, "not-understood", "I can jump to a second from zero to one hundred."),
        "WhatsPlaying" => turn.Playing is not { } playing
            ? Reply(turn, "needs-context", "Nothing is playing right now.")
            : Reply(turn, "done", $"This is {playing.Title ?? "an untitled track"}{(playing.Artist is null ? "" : $" by {playing.Artist}")}."),
        "PlayTrack" or "PlayArtist" => PlayNamedAsync(turn, cancel),
        "PlayGenre" => PlayGenreAsync(turn, cancel),
        "PlayPlaylist" => PlayPlaylistAsync(turn, cancel),
        "PlayLiked" => PlayLikedAsync(turn, cancel),
        "PlayRecommended" => PlayRecommendedAsync(turn, cancel),
        "Like" or "Unlike" => LikeAsync(turn, turn.Command.Intent == "Like", cancel),
        "AddToPlaylist" => AddToPlaylistAsync(turn, cancel),
        "RemoveFromPlaylist" => RemoveFromPlaylistAsync(turn, cancel),
        "CreatePlaylist" => CreatePlaylistAsync(turn, cancel),
        "DeletePlaylist" => AskToDeletePlaylistAsync(turn, cancel),
        "Confirm" => ConfirmAsync(turn, cancel),
        "Deny" => DenyAsync(turn),
        "FollowArtist" => FollowAsync(turn, cancel),
        "Search" => SearchAsync(turn, cancel),
        "History" => HistoryAsync(turn, cancel),
        _ => Reply(turn, "not-supported", "Sorry, I can't do that yet."),
    };

    /// <summary>"The second one", "no, the other one": the last command again, with the name picked.</summary>
    private async Task<HandledCommand> ChooseAsync(Turn turn, OpenChoice? open, CancellationToken cancel)
    {
        if (open is null) return await Reply(turn, "needs-context", "There's nothing to choose from.");
        int? index = turn.Command.Slots.GetValueOrDefault("choice", "other") switch
        {
            "first" => 0,
            "second" => 1,
            "third" => 2,
            _ when open.Taken is { } taken && open.Candidates.Count == 2 => 1 - taken,
            _ => null,
        };
        if (index is not { } i || i >= open.Candidates.Count)
        {
            turn.Choice = open;
            return new(turn.Command, new("ambiguous", Choices: open.Candidates.Select(Describe).ToList()), [],
                $"Which one? {string.Join(", or ", open.Candidates.Select((c, n) => $"the {Ordinals[n]}, {Describe(c)}"))}.");
        }
        var again = new Turn(new ParsedCommand(open.Intent, open.Slots, turn.Command.Phrase), turn.UserId, turn.Session, turn.Token, turn.Playing,
            turn.Lookups, new ChosenName(open.Slot, open.Candidates[i], open.Taken is { } before && before != i ? open.Candidates[before] : null));
        var handled = await SafelyAsync(again, cancel);
        (turn.Choice, turn.Track) = (again.Choice ?? open with { Taken = i }, again.Track);
        return handled;
    }

    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth"];

    /// <summary>
    /// A spoken name against the candidates, unless the user already picked one. Whatever is open
    /// to a follow-up (the question's names, or the match and its runner-up) is left on the turn.
    /// </summary>
    private NameMatch Resolve(Turn turn, string slot, IReadOnlyList<NameCandidate> candidates, string? detail = null)
    {
        if (turn.Chosen is { } chosen && chosen.Slot == slot) return new NameMatch.Found(chosen.Candidate, 1);
        var match = names.Match(turn.Command.Slots[slot], candidates, detail);
        turn.Choice = match switch
        {
            NameMatch.Ambiguous ambiguous => new OpenChoice(turn.Command.Intent, turn.Command.Slots, slot, ambiguous.Candidates, null),
            NameMatch.Found { RunnerUp: { } runnerUp } found => new OpenChoice(turn.Command.Intent, turn.Command.Slots, slot, [found.Candidate, runnerUp], 0),
            _ => turn.Choice,
        };
        return match;
    }

    private static HandledCommand Unresolved(Turn turn, NameMatch match, string kind) => match switch
    {
        NameMatch.Ambiguous ambiguous => new(turn.Command, new("ambiguous", Choices: ambiguous.Candidates.Select(Describe).ToList()), [],
            $"Did you mean {string.Join(" or ", ambiguous.Candidates.Select(Describe))}?"),
        NameMatch.NotFound { Nearest: { } nearest } => new(turn.Command, new("not-found", Choices: [Describe(nearest)]), [],
            $"I couldn't find the {kind} {turn.Command.Slots[kind]}. The closest is {Describe(nearest)}."),
        _ => new(turn.Command, new("not-found"), [], $"I couldn't find the {kind} {turn.Command.Slots[kind]}."),
    };

    private static string Describe(NameCandidate candidate) => candidate.Detail is null ? candidate.Name : $"{candidate.Name} by {candidate.Detail}";

    private static string Describe(TrackSummary track) => track.Artist.Length == 0 ? track.Title : $"{track.Title} by {track.Artist}";

    /// <summary>"X, Y and 3 more" for a spoken list.</summary>
    private static string List(IReadOnlyList<TrackSummary> tracks, int spoken = 3)
    {
        var named = tracks.Take(spoken).Select(Describe).ToList();
        var rest = tracks.Count - named.Count;
        if (rest > 0) return $"{string.Join(", ", named)} and {SpokenNumber.Say(rest)} more";
        return named.Count == 1 ? named[0] : $"{string.Join(", ", named[..^1])} and {named[^1]}";
    }

    private static int? Number(Turn turn, int max) =>
        SpokenNumber.Parse(turn.Command.Slots["number"]) is { } n && n <= max ? n : null;

    private static Task<HandledCommand> Player(Turn turn, Directive directive, string reply) =>
        Task.FromResult(new HandledCommand(turn.Command, new("done"), [directive], reply));

    private static Task<HandledCommand> Reply(Turn turn, string status, string reply) =>
        Task.FromResult(new HandledCommand(turn.Command, new(status), [], reply));
}

/// <summary>A name the user picked in a follow-up, which stands in for matching that slot; Instead: the one acted on before, to undo.</summary>
public sealed record ChosenName(string Slot, NameCandidate Candidate, NameCandidate? Instead = null);

/// <summary>One reading being acted on: who asks, what "this" is, and what it leaves for the next command.</summary>
internal sealed class Turn(ParsedCommand command, Guid userId, string? session, string token, NowPlaying? playing, Lookups lookups,
    ChosenName? chosen = null)
{
    public Lookups Lookups => lookups;
    public ParsedCommand Command => command;
    public Guid UserId => userId;
    public string? Session => session;
    public string Token => token;
    /// <summary>What the client says is playing, else the track the session last acted on.</summary>
    public NowPlaying? Playing => playing;
    public ChosenName? Chosen => chosen;
    /// <summary>Left for "the other one" / "the second one".</summary>
    public OpenChoice? Choice { get; set; }
    /// <summary>The track this command acted on, which "it" means next.</summary>
    public TrackSummary? Track { get; set; }
}

/// <summary>
/// The names one command matches against, read once however many readings of it are tried
/// (a service that is down fails them all at once, instead of once per reading).
/// </summary>
internal sealed class Lookups(DexelCalls calls, string token, CancellationToken cancel)
{
    private Task<IReadOnlyList<CatalogTrack>>? _catalog;
    private Task<IReadOnlyList<NameCandidate>>? _playlists;

    public Task<IReadOnlyList<CatalogTrack>> Catalog => _catalog ??= calls.CatalogAsync(token, cancel);

    public Task<IReadOnlyList<NameCandidate>> Playlists => _playlists ??= calls.PlaylistsAsync(token, cancel);
}
