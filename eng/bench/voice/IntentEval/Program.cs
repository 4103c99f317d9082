// Intent + slot accuracy of the understanding layer (CommandParser + NameMatcher) on generated
// commands against a catalog of 240 tracks with confusable titles.
//   IntentEval text [commands] [seed]: as typed, with one error in each spoken name (a sound-alike
//     word, "the" dropped, a letter lost), and with one such error anywhere.
//   IntentEval list [commands] [seed]: the commands the grammar engine can hear (no free words), as
//     "index<TAB>text" lines for make_testset.py --from-list to speak.
//   IntentEval spoken [commands] [seed] <testset> <models> [accuracy-set]: those commands spoken and
//     noisy, heard by the grammar engine with the catalog in its grammar, then understood; with the
//     time of each stage, and the accuracy set's out-of-grammar sentences against the same grammar.
// Fixed seed; exits non-zero if the typed text (or the spoken set) is under 95% right.
using Dexel.Speech.Asr;
using Dexel.Voice.Application.Understanding;

var mode = args.Length > 0 ? args[0] : "text";
var count = args.Length > 1 ? int.Parse(args[1]) : 1000;
var seed = args.Length > 2 ? int.Parse(args[2]) : 2026;
var random = new Random(seed);
// Errors are drawn apart from the commands, so the commands (and the spoken set made of them) do not change with the errors.
var errors = new Random(seed + 1);
var intents = IntentCatalog.Load();
var dictionary = new PronunciationDictionary("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
var parser = new CommandParser(intents, dictionary);
var matcher = new NameMatcher(dictionary);

// Titles share words on purpose ("Blue Night", "Blue Light", "Night Blue", "The Blue Night Song").
string[] adjectives = ["blue", "green", "golden", "silver", "broken", "midnight", "summer", "electric", "lonely", "wild", "sweet", "dark",
    "velvet", "burning", "quiet", "crystal"];
string[] nouns = ["night", "light", "river", "heart", "road", "dream", "fire", "rain", "city", "train", "moon", "garden",
    "ocean", "highway", "window", "mountain"];
string[] artists = ["Miles Davis", "Nina Simone", "The Beatles", "Aretha Franklin", "Radiohead", "Daft Punk", "Adele", "Prince",
    "Queen", "Nirvana", "Bjork", "Beyonce", "Oasis", "Blur", "Sade", "Drake", "Muse", "Coldplay", "Eminem", "Madonna"];
var titles = new List<string>();
foreach (var a in adjectives)
    foreach (var n in nouns)
        titles.Add(random.Next(4) switch { 0 => $"{a} {n}", 1 => $"The {a} {n}", 2 => $"{n} of {a}", _ => $"{a} {n} song" });
var tracks = titles.Distinct(StringComparer.OrdinalIgnoreCase).Take(240)
    .Select((t, i) => new NameCandidate($"t{i}", System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(t), artists[i % artists.Length])).ToList();
var playlists = new[] { "Workout", "Road Trip", "Sunday Morning", "Focus", "Party", "Chill", "Running", "Dinner", "Study", "Sleep" }
    .Select((p, i) => new NameCandidate($"p{i}", p)).ToList();
if (mode != "list") Console.WriteLine($"catalog: {tracks.Count} tracks, {tracks.Select(t => t.Detail).Distinct().Count()} artists, {playlists.Count} playlists; {intents.Phrases.Count} phrasings");

// Recognizer-like errors: a function word swapped for its sound-alike, "the" dropped, a name word misspelled by one letter.
// Free words ({name}, {query}) are left alone: nothing can tell a misheard free word from a meant one, so they pass as heard.
string[][] soundAlikes = [["in", "and"], ["to", "two"], ["for", "four"], ["blue", "blew"], ["night", "knight"], ["rain", "reign"], ["road", "rode"], ["my", "mine"]];
const string FreeWords = "late night drive";
string Garble(string text)
{
    var free = text.IndexOf(FreeWords, StringComparison.Ordinal);
    if (free >= 0) return Garble(text[..free].TrimEnd()) is var head && head.Length > 0 ? $"{head} {FreeWords}" : FreeWords;
    var words = text.Split(' ').ToList();
    var swappable = words.Select((w, i) => (w, i)).Where(x => soundAlikes.Any(p => p[0] == x.w)).ToList();
    switch (errors.Next(3))
    {
        case 0 when swappable.Count > 0:
            var (word, index) = swappable[errors.Next(swappable.Count)];
            words[index] = soundAlikes.First(p => p[0] == word)[1];
            break;
        case 1 when words.Contains("the"):
            words.RemoveAt(words.IndexOf("the"));
            break;
        default:
            var longWords = words.Select((w, i) => (w, i)).Where(x => x.w.Length > 4).ToList();
            if (longWords.Count == 0) break;
            var (target, at) = longWords[errors.Next(longWords.Count)];
            var letter = errors.Next(1, target.Length);
            words[at] = target.Remove(letter, 1);
            break;
    }
    return string.Join(' ', words);
}

var cases = new List<(string Text, string NameGarbled, string Intent, Dictionary<string, string> Expected)>();
var phrases = intents.Phrases.ToList();
while (cases.Count < count)
{
    var phrase = phrases[random.Next(phrases.Count)];
    var expected = new Dictionary<string, string>();
    var names = new List<(string Clean, string Garbled)>();
    var text = GrammarSource.SlotPattern().Replace(phrase.Phrase, m =>
    {
        var value = Fill(m);
        names.Add((value, m.Groups[1].Value is "track" or "artist" or "playlist" ? Garble(value) : value));
        return value;
    });
    var nameGarbled = GrammarSource.SlotPattern().Split(phrase.Phrase).Select((part, i) => i % 2 == 0 ? part : names[i / 2].Garbled);
    cases.Add((text, string.Concat(nameGarbled), phrase.Intent, expected));

    string Fill(System.Text.RegularExpressions.Match m)
    {
        var slot = m.Groups[1].Value;
        switch (slot)
        {
            case "track":
                var track = tracks[random.Next(tracks.Count)];
                expected["track"] = track.Id;
                if (phrase.Phrase.Contains("{artist}")) expected["artist"] = track.Detail!;
                return SpeechText.Normalize(track.Name);
            case "artist" when expected.ContainsKey("artist"): return SpeechText.Normalize(expected["artist"]);
            case "artist":
                var artist = artists[random.Next(artists.Length)];
                expected["artist"] = artist;
                return SpeechText.Normalize(artist);
            case "playlist":
                var playlist = playlists[random.Next(playlists.Count)];
                expected["playlist"] = playlist.Id;
                return SpeechText.Normalize(playlist.Name);
            case "number":
                var n = SpokenNumber.Say(random.Next(101));
                expected["number"] = n;
                return n;
            default:
                var value = intents.Values.TryGetValue(slot, out var values) ? values[random.Next(values.Count)] : FreeWords;
                expected[slot] = value;
                return value;
        }
    }
}

// Track first, then its artist (the catalog's), then the rest, as the service resolves them.
bool Understood(string text, string intent, Dictionary<string, string> expected)
{
    foreach (var reading in parser.Parse(text))
    {
        if (reading.Intent != intent) continue;
        var resolved = new Dictionary<string, string>();
        foreach (var (slot, words) in reading.Slots)
        {
            var match = slot switch
            {
                "track" => matcher.Match(words, tracks, reading.Slots.GetValueOrDefault("artist")),
                "artist" when reading.Slots.ContainsKey("track") => null,
                "artist" => matcher.Match(words, artists.Select(a => new NameCandidate(a, a))),
                "playlist" => matcher.Match(words, playlists),
                "number" => SpokenNumber.Parse(words) is { } n ? new NameMatch.Found(new NameCandidate(SpokenNumber.Say(n), words), 1) : new NameMatch.NotFound(null),
                _ when intents.Values.TryGetValue(slot, out var values) => matcher.Match(words, values.Select(v => new NameCandidate(v, v))),
                _ => null,
            };
            if (match is NameMatch.Found found)
            {
                resolved[slot] = found.Candidate.Id;
                if (slot == "track" && reading.Slots.ContainsKey("artist")) resolved["artist"] = found.Candidate.Detail!;
            }
            else if (match is null && !resolved.ContainsKey(slot)) resolved[slot] = words;
        }
        if (resolved.Count == expected.Count && expected.All(e => resolved.GetValueOrDefault(e.Key) == e.Value)) return true;
    }
    return false;
}

// The grammar engine hears no free words ({name}, {query}): those phrasings are typed or heard by Whisper.
var audible = cases.Select((c, i) => (Index: i, c.Text, c.Intent, c.Expected))
    .Where(c => !c.Expected.Keys.Any(slot => intents.Slots[slot] == SlotKind.Free)).ToList();
if (mode == "list")
{
    foreach (var c in audible) Console.WriteLine($"{c.Index}\t{c.Text}");
    return 0;
}
if (mode == "spoken")
{
    var names = new Dictionary<string, IReadOnlyList<string>>
    {
        ["track"] = tracks.Select(t => t.Name).ToList(), ["artist"] = artists, ["playlist"] = playlists.Select(p => p.Name).ToList(),
    };
    return await SpokenEval.RunAsync(args[3], args[4], args.Length > 5 ? args[5] : null, intents.GrammarSource(names), dictionary,
        audible.ToDictionary(c => c.Index, c => (c.Text, c.Intent, c.Expected)), Understood);
}

var clean = cases.Count(c => Understood(c.Text, c.Intent, c.Expected));
var anyWord = cases.Select(c => (c, Garbled: Garble(c.Text))).ToList();
var anyWordRight = anyWord.Count(g => Understood(g.Garbled, g.c.Intent, g.c.Expected));
Console.WriteLine($"typed text:                       {clean}/{cases.Count} = {100.0 * clean / cases.Count:0.0}% intent and slots exactly right");
var misheardNames = cases.Where(c => c.NameGarbled != c.Text).ToList();
var namesRight = misheardNames.Count(c => Understood(c.NameGarbled, c.Intent, c.Expected));
Console.WriteLine($"an error in each name:            {namesRight}/{misheardNames.Count} = {100.0 * namesRight / misheardNames.Count:0.0}% of the commands with a name (e.g. \"{misheardNames[0].NameGarbled}\")");
Console.WriteLine($"one error anywhere in the command: {anyWordRight}/{cases.Count} = {100.0 * anyWordRight / cases.Count:0.0}%");
foreach (var c in misheardNames.Where(c => !Understood(c.NameGarbled, c.Intent, c.Expected)).Take(10))
    Console.WriteLine($"  missed (name error): \"{c.NameGarbled}\" (meant {c.Intent} {string.Join(", ", c.Expected.Select(e => $"{e.Key}={e.Value}"))})");
foreach (var (c, text) in anyWord.Where(g => !Understood(g.Garbled, g.c.Intent, g.c.Expected)).Take(10))
    Console.WriteLine($"  missed (any word): \"{text}\" (meant {c.Intent})");
if (clean < cases.Count * 0.95)
{
    Console.Error.WriteLine("BENCHMARK FAILED: typed text under 95%");
    return 1;
}
return 0;
