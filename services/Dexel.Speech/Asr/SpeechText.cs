using System.Text;

namespace Dexel.Speech.Asr;

/// <summary>How written text becomes the words a recognizer can say back.</summary>
public static class SpeechText
{
    private static readonly string[] Ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    public static IEnumerable<string> Words(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetter(c) || char.IsAsciiDigit(c) || c == '\'') clean.Append(char.ToLowerInvariant(c));
            else if (c == '&') clean.Append(" and ");
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark) clean.Append(' ');
        }
        foreach (var word in clean.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = word.Trim('\'');
            if (trimmed.Length == 0) continue;
            if (trimmed.All(char.IsAsciiDigit)) foreach (var spoken in Number(trimmed)) yield return spoken;
            else yield return trimmed;
        }
    }

    /// <summary>The same text as a recognizer would write it: lower case, single spaces.</summary>
    public static string Normalize(string text) => string.Join(' ', Words(text));

    private static IEnumerable<string> Number(string digits)
    {
        if (digits.Length > 2) return digits.Select(d => Ones[d - '0']);
        var n = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        if (n < 20) return [Ones[n]];
        return n % 10 == 0 ? [Tens[n / 10]] : [Tens[n / 10], Ones[n % 10]];
    }
}
