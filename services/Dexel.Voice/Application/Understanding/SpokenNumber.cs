namespace Dexel.Voice.Application.Understanding;

/// <summary>Numbers from 0 to 100 as people say them ("fifty five", "a hundred") and back.</summary>
public static class SpokenNumber
{
    private static readonly string[] Ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    public static string Say(int n) => n switch
    {
        < 0 or > 100 => throw new ArgumentOutOfRangeException(nameof(n)),
        100 => "one hundred",
        < 20 => Ones[n],
        _ when n % 10 == 0 => Tens[n / 10],
        _ => $"{Tens[n / 10]} {Ones[n % 10]}",
    };

    public static int? Parse(string words)
    {
        var text = string.Join(' ', words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w != "and"));
        if (text is "a hundred" or "hundred") return 100;
        for (var n = 0; n <= 100; n++)
            if (Say(n) == text) return n;
        return null;
    }
}
