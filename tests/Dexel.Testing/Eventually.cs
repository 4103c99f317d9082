namespace Dexel.Testing;

/// <summary>Polls a condition that other processes make true (an event handled, a job finished).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string? because = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Condition not met within {timeout.TotalSeconds:0}s{(because is null ? "" : ": " + because)}.");
    }
}
