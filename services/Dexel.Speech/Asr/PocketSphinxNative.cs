using System.Runtime.InteropServices;

namespace Dexel.Speech.Asr;

/// <summary>pocketsphinx 0.8+5prealpha from Debian (the old C API: configuration through cmd_ln).</summary>
internal static unsafe partial class PocketSphinxNative
{
    private const string Library = "libpocketsphinx.so.3";
    private const string SphinxBase = "libsphinxbase.so.3";

    [LibraryImport(Library, EntryPoint = "ps_args")]
    public static partial nint Arguments();

    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_parse_r")]
    public static partial nint ParseArguments(nint previous, nint definitions, int argc, nint* argv, int strict);

    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_free_r")]
    public static partial int FreeArguments(nint config);

    [LibraryImport(Library, EntryPoint = "ps_init")]
    public static partial nint Init(nint config);

    [LibraryImport(Library, EntryPoint = "ps_free")]
    public static partial int Free(nint decoder);

    [LibraryImport(Library, EntryPoint = "ps_lookup_word", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint LookupWord(nint decoder, string word);

    [LibraryImport(Library, EntryPoint = "ps_add_word", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int AddWord(nint decoder, string word, string phones, int update);

    [LibraryImport(Library, EntryPoint = "ps_set_jsgf_string", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetJsgf(nint decoder, string name, string jsgf);

    [LibraryImport(Library, EntryPoint = "ps_set_search", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetSearch(nint decoder, string name);

    [LibraryImport(Library, EntryPoint = "ps_unset_search", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UnsetSearch(nint decoder, string name);

    [LibraryImport(Library, EntryPoint = "ps_start_utt")]
    public static partial int StartUtterance(nint decoder);

    [LibraryImport(Library, EntryPoint = "ps_process_raw")]
    public static partial int ProcessRaw(nint decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(Library, EntryPoint = "ps_end_utt")]
    public static partial int EndUtterance(nint decoder);

    [LibraryImport(Library, EntryPoint = "ps_get_hyp")]
    public static partial nint GetHypothesis(nint decoder, int* bestScore);

    [LibraryImport(Library, EntryPoint = "ps_seg_iter")]
    public static partial nint SegmentIterator(nint decoder);

    [LibraryImport(Library, EntryPoint = "ps_seg_next")]
    public static partial nint NextSegment(nint segment);

    [LibraryImport(Library, EntryPoint = "ps_seg_word")]
    public static partial nint SegmentWord(nint segment);

    [LibraryImport(Library, EntryPoint = "ps_seg_frames")]
    public static partial void SegmentFrames(nint segment, int* start, int* end);

    [LibraryImport(Library, EntryPoint = "ps_seg_prob")]
    public static partial int SegmentProbability(nint segment, int* acoustic, int* language, int* backoff);

    [LibraryImport(Library, EntryPoint = "ps_get_n_frames")]
    public static partial int GetFrameCount(nint decoder);
}
