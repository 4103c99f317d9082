using Dexel.Playlist.Application;

namespace Dexel.Playlist.Apis;

/// <summary>Field rules of the playlist contract; each failure is one entry of the 400's errors map.</summary>
internal static class PlaylistValidation
{
    public static Dictionary<string, string[]> Create(CreatePlaylistRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["A name is required."];
        else Name(request.Name, errors);
        Description(request.Description, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Update(UpdatePlaylistRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is { Name: null, Description: null, IsPublic: null })
            errors[""] = ["Send at least one of name, description and isPublic."];
        if (request.Name is not null)
        {
            if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["The name cannot be blank."];
            else Name(request.Name, errors);
        }
        Description(request.Description, errors);
        return errors;
    }

    public static Dictionary<string, string[]> AddTrack(AddTrackRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.TrackId is null || request.TrackId == Guid.Empty) errors["trackId"] = ["A track id is required."];
        if (request.Position is < 0) errors["position"] = ["Position must be 0 or more."];
        return errors;
    }

    public static Dictionary<string, string[]> Reorder(ReorderRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.EntryIds is null) errors["entryIds"] = ["The full new order of entry ids is required."];
        else if (request.EntryIds.Count > Model.Playlist.MaxEntries) errors["entryIds"] = [$"A playlist holds at most {Model.Playlist.MaxEntries} tracks."];
        if (request.Version is null) errors["version"] = ["The version the new order is based on is required."];
        return errors;
    }

    private static void Name(string name, Dictionary<string, string[]> errors)
    {
        if (name.Trim().Length > Model.Playlist.MaxNameLength) errors["name"] = [$"The name may be at most {Model.Playlist.MaxNameLength} characters."];
    }

    private static void Description(string? description, Dictionary<string, string[]> errors)
    {
        if (description is { Length: > Model.Playlist.MaxDescriptionLength })
            errors["description"] = [$"The description may be at most {Model.Playlist.MaxDescriptionLength} characters."];
    }
}
