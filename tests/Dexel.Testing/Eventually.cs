namespace Dexel.Testing;

/// <summary>Polls a condition that other processes make true (an event handled, a job finished).</summary>
public static class Eventually
{
    /// <param name="interval">Between checks; polls through the gateway count against the user's rate limit.</param>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string? because = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
        }
        throw new TimeoutException($"Condition not met within {timeout.TotalSeconds:0}s{(because is null ? "" : ": " + because)}.");
    }
}
