using Dexel.Streaming.Application;
using Dexel.Streaming.Model;

namespace Dexel.Streaming.Apis;

public static class TrackValidation
{
    public static readonly string[] PlaybackTypes = ["started", "completed", "skipped"];

    public static Dictionary<string, string[]> Upload(UploadedForm form)
    {
        var errors = new Dictionary<string, string[]>();
        Required(form.Fields, "title", TrackLimits.Title, errors);
        Required(form.Fields, "artist", TrackLimits.Artist, errors);
        Optional(form.Fields, "album", TrackLimits.Album, errors);
        Optional(form.Fields, "genre", TrackLimits.Genre, errors);
        if (form.FilePath is null) errors["file"] = ["An audio file is required in the 'file' part."];
        else if (form.FileBytes == 0) errors["file"] = ["The file is empty."];
        return errors;
    }

    public static Dictionary<string, string[]> Playback(PlaybackEventRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.TrackId is null || request.TrackId == Guid.Empty) errors["trackId"] = ["A track id is required."];
        if (request.Type is null || !PlaybackTypes.Contains(request.Type))
            errors["type"] = [$"Type must be one of: {string.Join(", ", PlaybackTypes)}."];
        if (request.PositionMs is null or < 0) errors["positionMs"] = ["Position must be a non-negative number of milliseconds."];
        return errors;
    }

    public static Dictionary<string, string[]> Search(string? q, int limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (q is { Length: > 200 }) errors["q"] = ["The query may be at most 200 characters."];
        if (limit is < 1 or > 100) errors["limit"] = ["Limit must be between 1 and 100."];
        return errors;
    }

    private static void Required(IReadOnlyDictionary<string, string> fields, string name, int max, Dictionary<string, string[]> errors)
    {
        if (!fields.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value)) errors[name] = [$"The '{name}' field is required."];
        else if (value.Trim().Length > max) errors[name] = [$"The '{name}' field may be at most {max} characters."];
    }

    private static void Optional(IReadOnlyDictionary<string, string> fields, string name, int max, Dictionary<string, string[]> errors)
    {
        if (fields.TryGetValue(name, out var value) && value.Trim().Length > max) errors[name] = [$"The '{name}' field may be at most {max} characters."];
    }
}
