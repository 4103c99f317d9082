namespace Dexel.Streaming.Model;

/// <summary>Field lengths, shared by validation and the database schema.</summary>
public static class TrackLimits
{
    public const int Title = 200;
    public const int Artist = 200;
    public const int Album = 200;
    public const int Genre = 50;
}
