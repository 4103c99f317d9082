using System.Runtime.InteropServices;

namespace Dexel.Speech.Asr;

/// <summary>
/// What one grammar pass heard: the words on the best path, the frames decoded (10 ms each) and
/// the path's acoustic score (pocketsphinx's scaled log-likelihood, comparable between passes
/// over the same audio).
/// </summary>
public sealed record DecoderHypothesis(IReadOnlyList<WordSegment> Words, int Frames, int AcousticScore)
{
    public string Text => string.Join(' ', Words.Select(w => w.Word));

    public int WordFrames => Words.Sum(w => w.EndFrame - w.StartFrame + 1);
}

/// <summary>A word on the best path and its frames (10 ms each).</summary>
public sealed record WordSegment(string Word, int StartFrame, int EndFrame);

/// <summary>
/// One pocketsphinx decoder with the US English acoustic model and dictionary. Not thread-safe:
/// the engine keeps a pool. Grammars compiled into it are kept by name (most recent ones only).
/// </summary>
internal sealed unsafe class PocketSphinxDecoder : IDisposable
{
    private const int MaxGrammars = 32;
    private readonly nint _decoder;
    private readonly nint _config;
    private readonly LinkedList<string> _grammars = new();

    public PocketSphinxDecoder(string modelDirectory, string dictionaryPath, IEnumerable<string>? settings = null)
    {
        string[] args = ["-hmm", modelDirectory, "-dict", dictionaryPath, "-logfn", "/dev/null", "-bestpath", "yes", .. settings ?? []];
        var argv = args.Select(a => Marshal.StringToCoTaskMemUTF8(a)).ToArray();
        try
        {
            fixed (nint* pointers = argv)
                _config = PocketSphinxNative.ParseArguments(0, PocketSphinxNative.Arguments(), argv.Length, pointers, 1);
        }
        finally
        {
            foreach (var pointer in argv) Marshal.FreeCoTaskMem(pointer);
        }
        if (_config == 0) throw new InvalidOperationException("pocketsphinx rejected its configuration.");
        _decoder = PocketSphinxNative.Init(_config);
        if (_decoder == 0) throw new InvalidOperationException($"pocketsphinx could not load the model in {modelDirectory}.");
    }

    public string? Pronunciation(string word)
    {
        var phones = PocketSphinxNative.LookupWord(_decoder, word);
        if (phones == 0) return null;
        try { return Marshal.PtrToStringUTF8(phones); }
        finally { NativeMemory.Free((void*)phones); }
    }

    /// <summary>Makes a JSGF grammar current, compiling it (and teaching the dictionary its words) once per name.</summary>
    public void Use(string name, string jsgf, IReadOnlyDictionary<string, string> pronunciations)
    {
        if (_grammars.Find(name) is { } known)
        {
            _grammars.Remove(known);
            _grammars.AddFirst(known);
        }
        else
        {
            foreach (var (word, phones) in pronunciations)
                if (Pronunciation(word) is null) PocketSphinxNative.AddWord(_decoder, word, phones, 0);
            if (PocketSphinxNative.SetJsgf(_decoder, name, jsgf) != 0)
                throw new InvalidOperationException($"pocketsphinx rejected grammar {name}.");
            _grammars.AddFirst(name);
            while (_grammars.Count > MaxGrammars)
            {
                PocketSphinxNative.UnsetSearch(_decoder, _grammars.Last!.Value);
                _grammars.RemoveLast();
            }
        }
        if (PocketSphinxNative.SetSearch(_decoder, name) != 0)
            throw new InvalidOperationException($"pocketsphinx could not switch to grammar {name}.");
    }

    public DecoderHypothesis Decode(ReadOnlySpan<short> pcm)
    {
        if (PocketSphinxNative.StartUtterance(_decoder) != 0) throw new InvalidOperationException("pocketsphinx could not start an utterance.");
        fixed (short* samples = pcm)
            PocketSphinxNative.ProcessRaw(_decoder, samples, (nuint)pcm.Length, 0, 1);
        PocketSphinxNative.EndUtterance(_decoder);
        int pathScore;
        PocketSphinxNative.GetHypothesis(_decoder, &pathScore); // settles the best path the segments follow
        return new DecoderHypothesis(Segments(), PocketSphinxNative.GetFrameCount(_decoder), AcousticScore());
    }

    private int AcousticScore()
    {
        int total = 0, acoustic, language, backoff;
        for (var segment = PocketSphinxNative.SegmentIterator(_decoder); segment != 0; segment = PocketSphinxNative.NextSegment(segment))
        {
            PocketSphinxNative.SegmentProbability(segment, &acoustic, &language, &backoff);
            total += acoustic;
        }
        return total;
    }

    /// <summary>The words of the best path with their frames; silences and noises left out.</summary>
    private List<WordSegment> Segments()
    {
        var words = new List<WordSegment>();
        int start, end;
        for (var segment = PocketSphinxNative.SegmentIterator(_decoder); segment != 0; segment = PocketSphinxNative.NextSegment(segment))
        {
            var word = Marshal.PtrToStringUTF8(PocketSphinxNative.SegmentWord(segment)) ?? "";
            if (word.Length == 0 || word[0] is '<' or '[' or '+' or '(') continue; // silences, noises, "(NULL)" transitions
            if (word.IndexOf('(') is > 0 and var alternate) word = word[..alternate]; // "read(2)": a second pronunciation
            PocketSphinxNative.SegmentFrames(segment, &start, &end);
            words.Add(new WordSegment(word, start, end));
        }
        return words;
    }

    public void Dispose()
    {
        PocketSphinxNative.Free(_decoder);
        PocketSphinxNative.FreeArguments(_config);
    }
}
