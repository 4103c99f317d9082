using Dexel.Web.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dexel.Web.Player;

/// <summary>
/// What plays: the queue, the current track, position, volume and rendition. The player bar
/// shows it, pages and voice directives drive it, and it reports started, completed and skipped
/// plays to the API.
/// </summary>
public sealed class PlayerState(DexelApi api, IJSRuntime js)
{
    private IJSObjectReference? _player;
    private DotNetObjectReference<PlayerState>? _self;
    private bool _reportedStart;

    public event Action? Changed;

    public List<TrackSummary> Queue { get; private set; } = [];
    public int Index { get; private set; } = -1;
    public TrackSummary? Current => Index >= 0 && Index < Queue.Count ? Queue[Index] : null;
    public bool IsPlaying { get; private set; }
    public double Position { get; private set; }
    public double Duration { get; private set; }
    public int Volume { get; private set; } = 100;
    public int[] Renditions { get; private set; } = [];
    public int? Level { get; private set; }
    public bool AutomaticLevel { get; private set; } = true;
    public string? Error { get; private set; }

    /// <summary>The rendition playing, in kbps, when the track's bitrates are known.</summary>
    public int? CurrentKbps => Level is { } level && level < Renditions.Length ? Renditions[level] : null;

    public async Task AttachAsync(ElementReference audio)
    {
        _player = await js.InvokeAsync<IJSObjectReference>("import", "./js/player.js");
        _self = DotNetObjectReference.Create(this);
        await _player.InvokeVoidAsync("init", audio, _self);
    }

    public Task PlayAsync(TrackSummary track, IEnumerable<TrackSummary>? queue = null)
    {
        var list = (queue ?? [track]).ToList();
        var index = list.FindIndex(t => t.Id == track.Id);
        if (index < 0) { list.Insert(0, track); index = 0; }
        return StartAsync(list, index, null);
    }

    /// <summary>A voice directive brings its own signed links.</summary>
    public Task PlayAsync(TrackSummary track, StreamLinks stream, IEnumerable<TrackSummary>? queue) =>
        StartAsync([track, .. (queue ?? []).Where(t => t.Id != track.Id)], 0, stream);

    public async Task TogglePlayAsync()
    {
        if (IsPlaying) await PauseAsync(); else await ResumeAsync();
    }

    public async Task PauseAsync() { if (_player is not null) await _player.InvokeVoidAsync("pause"); }

    public async Task ResumeAsync() { if (_player is not null && Current is not null) await _player.InvokeVoidAsync("play"); }

    public async Task NextAsync()
    {
        if (Index + 1 >= Queue.Count) return;
        await ReportSkipAsync();
        await StartAsync(Queue, Index + 1, null);
    }

    public async Task PreviousAsync()
    {
        if (Position > 3 || Index == 0) { await SeekAsync(0); return; }
        await ReportSkipAsync();
        await StartAsync(Queue, Index - 1, null);
    }

    public async Task SeekAsync(double seconds) { if (_player is not null) await _player.InvokeVoidAsync("seek", seconds); }

    public async Task SetVolumeAsync(int percent) { if (_player is not null) await _player.InvokeVoidAsync("volume", Math.Clamp(percent, 0, 100)); }

    /// <summary>-1 returns to automatic switching.</summary>
    public async Task SetLevelAsync(int level)
    {
        AutomaticLevel = level < 0;
        if (_player is not null) await _player.InvokeVoidAsync("level", level);
        Changed?.Invoke();
    }

    public void Enqueue(TrackSummary track)
    {
        Queue.Add(track);
        Changed?.Invoke();
    }

    [JSInvokable] public void OnTime(double position, double duration) { Position = position; Duration = duration; Changed?.Invoke(); }

    [JSInvokable] public void OnVolume(int percent) { Volume = percent; Changed?.Invoke(); }

    [JSInvokable] public void OnLevels(int count) { if (Renditions.Length != count) Renditions = []; Changed?.Invoke(); }

    [JSInvokable] public void OnLevel(int level, bool automatic) { Level = level; AutomaticLevel = automatic; Changed?.Invoke(); }

    [JSInvokable] public void OnError(string details) { Error = $"Playback failed ({details})."; IsPlaying = false; Changed?.Invoke(); }

    [JSInvokable]
    public async Task OnPlaying(bool playing)
    {
        IsPlaying = playing;
        Changed?.Invoke();
        if (playing && !_reportedStart && Current is { } track)
        {
            _reportedStart = true;
            await ReportAsync(track, "started", Position);
        }
    }

    [JSInvokable]
    public async Task OnEnded()
    {
        if (Current is { } track) await ReportAsync(track, "completed", Duration);
        IsPlaying = false;
        if (Index + 1 < Queue.Count) await StartAsync(Queue, Index + 1, null);
        else Changed?.Invoke();
    }

    [JSInvokable]
    public Task OnMediaKey(string action, double seekTime) => action switch
    {
        "play" => ResumeAsync(),
        "pause" => PauseAsync(),
        "nexttrack" => NextAsync(),
        "previoustrack" => PreviousAsync(),
        "seekto" => SeekAsync(seekTime),
        _ => Task.CompletedTask,
    };

    private async Task StartAsync(List<TrackSummary> queue, int index, StreamLinks? stream)
    {
        Queue = queue;
        Index = index;
        Position = Duration = 0;
        Level = null;
        Error = null;
        _reportedStart = false;
        Changed?.Invoke();
        var track = queue[index];
        try
        {
            stream ??= await api.StreamAsync(track.Id);
            Renditions = (await api.TrackAsync(track.Id)).BitratesKbps?.Order().ToArray() ?? [];
            if (_player is not null) await _player.InvokeVoidAsync("load", stream.Hls, track.Title, track.Artist);
        }
        catch (ApiProblem problem)
        {
            Error = $"Cannot play {track.Title}: {problem.Message}";
        }
        catch (HttpRequestException)
        {
            Error = $"Cannot play {track.Title}: Dexel cannot be reached.";
        }
        Changed?.Invoke();
    }

    private Task ReportSkipAsync() =>
        Current is { } track && Position < Duration - 1 ? ReportAsync(track, "skipped", Position) : Task.CompletedTask;

    private async Task ReportAsync(TrackSummary track, string type, double seconds)
    {
        try { await api.PlaybackEventAsync(track.Id, type, (long)(seconds * 1000)); }
        catch (Exception ex) when (ex is ApiProblem or HttpRequestException) { } // listening never stops for statistics
    }
}
