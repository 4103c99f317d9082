using System.Runtime.InteropServices;

namespace Dexel.Speech.Asr;

/// <summary>
/// Pronunciations for words the recognizer's dictionary lacks (band names, made-up titles),
/// from flite's CMU lexicon and its letter-to-sound rules. Its phone set is the dictionary's.
/// </summary>
internal static unsafe partial class LetterToSound
{
    private const string Flite = "libflite.so.1";
    private static readonly Lock Gate = new();
    private static nint _lexicon;

    [LibraryImport("libflite_cmulex.so.1", EntryPoint = "cmu_lex_init")]
    private static partial nint InitLexicon();

    [LibraryImport(Flite, EntryPoint = "lex_lookup", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint Lookup(nint lexicon, string word, nint partOfSpeech, nint features);

    [LibraryImport(Flite, EntryPoint = "val_car")]
    private static partial nint Head(nint list);

    [LibraryImport(Flite, EntryPoint = "val_cdr")]
    private static partial nint Tail(nint list);

    [LibraryImport(Flite, EntryPoint = "val_string")]
    private static partial nint Text(nint value);

    [LibraryImport(Flite, EntryPoint = "delete_val")]
    private static partial void Delete(nint value);

    /// <summary>Space-separated upper-case phones without stress, e.g. "HH AH L OW".</summary>
    public static string Pronounce(string word)
    {
        lock (Gate)
        {
            if (_lexicon == 0) _lexicon = InitLexicon();
            var list = Lookup(_lexicon, word, 0, 0);
            var phones = new List<string>();
            try
            {
                for (var cell = list; cell != 0; cell = Tail(cell))
                {
                    var phone = Marshal.PtrToStringUTF8(Text(Head(cell)))!.TrimEnd('0', '1', '2').ToUpperInvariant();
                    if (phone != "PAU") phones.Add(phone == "AX" ? "AH" : phone);
                }
            }
            finally
            {
                if (list != 0) Delete(list);
            }
            return string.Join(' ', phones);
        }
    }
}
