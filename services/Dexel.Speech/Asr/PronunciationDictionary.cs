namespace Dexel.Speech.Asr;

/// <summary>The recognizer's CMU dictionary (word → phones), with letter-to-sound for the rest.</summary>
public sealed class PronunciationDictionary
{
    private readonly Dictionary<string, string> _phones = new(StringComparer.Ordinal);

    public PronunciationDictionary(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf(' ');
            if (space <= 0 || line[space - 1] == ')') continue; // "word(2)": alternates are not needed here
            _phones.TryAdd(line[..space], line[(space + 1)..].Trim());
        }
    }

    public bool Contains(string word) => _phones.ContainsKey(word);

    public string Pronounce(string word) => _phones.TryGetValue(word, out var phones) ? phones : LetterToSound.Pronounce(word);
}
