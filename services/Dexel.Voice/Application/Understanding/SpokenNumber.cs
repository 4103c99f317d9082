using Dexel.Speech.Asr;

namespace Dexel.Voice.Application.Understanding;

/// <summary>Numbers from 0 to 100 as people say them ("fifty five", "a hundred") and back.</summary>
public static class SpokenNumber
{
    // SpeechText says numbers below 100 the way the recognizer writes them; digit by digit above.
    public static string Say(int n) => n switch
    {
        < 0 or > 100 => throw new ArgumentOutOfRangeException(nameof(n)),
        100 => "one hundred",
        _ => SpeechText.Normalize(n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    /// <summary>The number said, or one letter off a single number ("fifty eght", "for"); null if none or several fit.</summary>
    public static int? Parse(string words)
    {
        var text = string.Join(' ', words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w != "and"));
        if (text is "a hundred" or "hundred") return 100;
        var near = new List<int>();
        for (var n = 0; n <= 100; n++)
        {
            var said = Say(n);
            if (said == text) return n;
            if (text.Length >= 3 && Quickenshtein.Levenshtein.GetDistance(said, text) == 1) near.Add(n);
        }
        return near.Count == 1 ? near[0] : null;
    }
}
