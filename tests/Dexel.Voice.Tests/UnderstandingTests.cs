using Dexel.Speech.Asr;
using Dexel.Voice.Application.Understanding;

namespace Dexel.Voice.Tests;

/// <summary>The intent catalog, the text parser and the fuzzy name matcher, without the running service.</summary>
public sealed class UnderstandingTests
{
    private static readonly IntentCatalog Catalog = IntentCatalog.Load();
    private static readonly PronunciationDictionary Dictionary = new("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
    private static readonly CommandParser Parser = new(Catalog, Dictionary);
    private static readonly NameMatcher Matcher = new(Dictionary);

    [Fact]
    public void Every_intent_the_companion_promises_has_several_phrasings()
    {
        string[] promised = ["PlayTrack", "PlayArtist", "PlayGenre", "PlayPlaylist", "PlayLiked", "PlayRecommended", "Pause", "Resume",
            "Next", "Previous", "VolumeUp", "VolumeDown", "VolumeSet", "Seek", "WhatsPlaying", "Like", "Unlike", "AddToPlaylist",
            "RemoveFromPlaylist", "CreatePlaylist", "DeletePlaylist", "FollowArtist", "History", "Search"];

        foreach (var intent in promised)
            Assert.True(Catalog.Phrases.Count(p => p.Intent == intent) >= 2, $"{intent} has fewer than two phrasings");
    }

    [Fact]
    public void Choices_and_optional_words_expand_into_plain_phrases()
    {
        var phrases = IntentCatalog.Expand("(play|put on) [some] {genre}").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["play some {genre}", "play {genre}", "put on some {genre}", "put on {genre}"], phrases);
    }

    public static TheoryData<string, string, string> Utterances => new()
    {
        { "Play Blue in Green by Miles Davis", "PlayTrack", "track=blue in green;artist=miles davis" },
        { "play some jazz", "PlayGenre", "genre=jazz" },
        { "add this to my workout playlist", "AddToPlaylist", "playlist=workout" },
        { "Add it to road trip too", "AddToPlaylist", "playlist=road trip" },
        { "pause", "Pause", "" },
        { "set the volume to 40 percent", "VolumeSet", "number=forty" },
        { "skip to 90 seconds", "Seek", "number=ninety" },
        { "what did I listen to yesterday?", "History", "day=yesterday" },
        { "create a playlist called Sunday Morning", "CreatePlaylist", "name=sunday morning" },
        { "play something I'd like", "PlayRecommended", "" },
        { "I don't like this song", "Unlike", "" },
        { "search for Kind of Blue", "Search", "query=kind of blue" },
        // One fixed word misheard or lost still reads as the command.
        { "add this two workout", "AddToPlaylist", "playlist=workout" }, // a sound-alike
        { "turn the volum down", "VolumeDown", "" }, // a letter lost
        { "set volume forty", "VolumeSet", "number=forty" }, // a word lost
        { "paue", "Pause", "" }, // a long one-word command, a letter off
        { "what did I listen to", "History", "" },
        { "add Blue in Green by Miles Davis to road trip", "AddToPlaylist", "track=blue in green;artist=miles davis;playlist=road trip" },
        { "no, the other one", "Choose", "choice=other" },
        { "the second one", "Choose", "choice=second" },
        { "remove it from my morning playlist", "RemoveFromPlaylist", "playlist=morning" },
        { "follow this artist", "FollowArtist", "" },
        { "I'm in the mood for workout music", "PlayGenre", "genre=workout music" },
    };

    [Theory]
    [MemberData(nameof(Utterances))]
    public void Text_is_read_as_its_intent_and_slot_words(string text, string intent, string slots)
    {
        var best = Parser.Parse(text)[0];

        Assert.Equal(intent, best.Intent);
        Assert.Equal(slots, string.Join(';', best.Slots.Select(s => $"{s.Key}={s.Value}")));
    }

    [Fact]
    public void A_word_a_phone_off_still_reads_after_the_exact_readings()
    {
        var readings = Parser.Parse("play mine liked songs"); // "mine" for "my": exactly, it is only a track called "mine liked songs"

        Assert.Equal("PlayTrack", readings[0].Intent);
        Assert.Contains(readings, r => r.Intent == "PlayLiked");
    }

    [Fact]
    public void An_utterance_that_fits_several_phrasings_keeps_them_all_most_specific_first()
    {
        var readings = Parser.Parse("play queen");

        Assert.Contains(readings, r => r.Intent == "PlayTrack" && r.Slots["track"] == "queen");
        Assert.Contains(readings, r => r.Intent == "PlayArtist" && r.Slots["artist"] == "queen");
        Assert.Equal("PlayArtist", Parser.Parse("play something by queen")[0].Intent); // three fixed words beat "play {track} by {artist}"
    }

    [Theory]
    [InlineData("text")] // one letter from "next", but a short one-word command must be heard exactly
    [InlineData("turn the radio off")]
    [InlineData("what's the weather in Paris")]
    [InlineData("")]
    [InlineData("   ")]
    public void Text_no_phrasing_fits_is_not_a_command(string text) => Assert.Empty(Parser.Parse(text));

    [Fact]
    public void The_grammar_gets_every_phrase_it_can_hear_and_none_with_free_words()
    {
        var source = Catalog.GrammarSource(new Dictionary<string, IReadOnlyList<string>>
        {
            ["track"] = ["Blue in Green"], ["artist"] = ["Miles Davis"], ["playlist"] = ["Workout"],
        });

        var grammar = new CommandGrammarBuilder(Dictionary).Build(source);

        Assert.Contains("jazz", grammar.Commands);
        Assert.Contains("ninety", source.Slots["number"]);
        Assert.DoesNotContain("called", grammar.Commands); // "create a playlist called {name}": any words, text only
        Assert.True(grammar.PhraseCount > 60, $"only {grammar.PhraseCount} phrases");
    }

    private static readonly NameCandidate[] Tracks =
    [
        new("1", "Blue in Green", "Miles Davis"), new("2", "Kind of Blue", "Miles Davis"), new("3", "Green Onions", "Booker T. & the M.G.'s"),
        new("4", "Blue Monday", "New Order"), new("5", "Yesterday", "The Beatles"), new("6", "Yesterday", "Leona Lewis"),
        new("7", "99 Problems", "Jay-Z"), new("8", "Déjà Vu", "Beyoncé"), new("9", "Bohemian Rhapsody", "Queen"),
    ];

    [Theory]
    [InlineData("blue and green", "miles davis", "1")]
    [InlineData("blue in green", null, "1")]
    [InlineData("ninety nine problems", null, "7")]
    [InlineData("deja vu", null, "8")]
    [InlineData("yesterday", "the beatles", "5")]
    [InlineData("bohemian rapsody", null, "9")]
    public void A_spoken_name_finds_its_track_despite_errors_and_spoken_forms(string spoken, string? artist, string id)
    {
        var match = Assert.IsType<NameMatch.Found>(Matcher.Match(spoken, Tracks, artist));

        Assert.Equal(id, match.Candidate.Id);
    }

    [Fact]
    public void The_is_dropped_from_names()
    {
        var match = Assert.IsType<NameMatch.Found>(Matcher.Match("beatles", [new NameCandidate("a", "The Beatles"), new NameCandidate("b", "Beastie Boys")]));

        Assert.Equal("a", match.Candidate.Id);
    }

    [Fact]
    public void Two_tracks_that_fit_equally_are_a_question_not_a_guess()
    {
        var match = Assert.IsType<NameMatch.Ambiguous>(Matcher.Match("yesterday", Tracks));

        Assert.Equal(["5", "6"], match.Candidates.Select(c => c.Id).Order());
    }

    [Fact]
    public void A_name_nothing_resembles_is_not_found_with_the_nearest_offered()
    {
        var match = Assert.IsType<NameMatch.NotFound>(Matcher.Match("stairway to heaven", Tracks));

        Assert.NotNull(match.Nearest);
        Assert.IsType<NameMatch.NotFound>(Matcher.Match("anything", []));
    }

    [Theory]
    [InlineData(0, "zero")]
    [InlineData(42, "forty two")]
    [InlineData(90, "ninety")]
    [InlineData(100, "one hundred")]
    public void Numbers_are_said_and_read_back(int n, string words)
    {
        Assert.Equal(words, SpokenNumber.Say(n));
        Assert.Equal(n, SpokenNumber.Parse(words));
    }

    [Theory]
    [InlineData("fifty eght", 58)]
    [InlineData("sixt five", 65)]
    [InlineData("for", 4)]
    [InlineData("sixt", null)] // six or sixty: not a guess
    public void A_number_one_letter_off_a_single_number_is_read(string words, int? n) => Assert.Equal(n, SpokenNumber.Parse(words));
}
