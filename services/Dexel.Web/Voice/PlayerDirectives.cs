using Dexel.Web.Api;
using Dexel.Web.Player;

namespace Dexel.Web.Voice;

/// <summary>What a voice directive means for the player.</summary>
public static class PlayerDirectives
{
    public static Task ApplyAsync(PlayerState player, Directive directive) => directive.Type switch
    {
        "play" when directive.Track is { } track => directive.Stream is { } stream
            ? player.PlayAsync(track, stream, directive.Queue)
            : player.PlayAsync(track, directive.Queue),
        "pause" => player.PauseAsync(),
        "resume" => player.ResumeAsync(),
        "next" => player.NextAsync(),
        "previous" => player.PreviousAsync(),
        "volume" when directive.Value is { } value => player.SetVolumeAsync(value),
        "volume-up" => player.SetVolumeAsync(player.Volume + 10),
        "volume-down" => player.SetVolumeAsync(player.Volume - 10),
        "seek" when directive.Value is { } seconds => player.SeekAsync(seconds),
        _ => Task.CompletedTask,
    };
}
