using Dexel.EventBus;
using Dexel.EventBus.IntegrationEvents;

namespace Dexel.Analytics.Tests;

/// <summary>
/// user.deleted and track.deleted through Kafka, as auth and streaming publish them: a deleted
/// account's rows leave every table keyed by it, other listeners' stay, and its late or replayed
/// events are not stored again; a deleted track's catalog copy goes and its anonymous counts stay.
/// </summary>
[Collection(AnalyticsCollection.Name)]
public sealed class ErasureTests(AnalyticsFixture app)
{
    private static readonly string[] PlayTables = ["plays", "plays_by_user", "plays_by_track"];
    private static readonly string[] LikeTables = ["likes", "likes_by_user"];

    [Fact]
    public async Task A_deleted_account_leaves_every_table_keyed_by_it_and_nobody_elses_rows_go_with_it()
    {
        var leaving = await app.RegisterAsync();
        var staying = await app.RegisterAsync();
        var track = await app.PublishTrackAsync(title: "Goodbye", artist: "Farewell", genre: "ambient");
        var at = DateTime.UtcNow.AddMinutes(-30);
        List<IntegrationEvent> plays = [.. Plays.Listen(track.TrackId, leaving.UserId, at), .. Plays.Listen(track.TrackId, staying.UserId, at)];
        List<IntegrationEvent> likes = [new SongLiked(track.TrackId, leaving.UserId, true), new SongLiked(track.TrackId, staying.UserId, true)];
        List<IntegrationEvent> commands = [new VoiceCommandHandled(Guid.NewGuid(), leaving.UserId, "play goodbye", "play_track", true, 420)];
        await app.PublishAsync([.. plays, .. likes, .. commands]);
        await app.WaitStoredAsync("plays", plays);
        await app.WaitStoredAsync("likes", likes);
        await app.WaitStoredAsync("voice_commands", commands);
        // Registration arrives on its own topic; deleting before it is stored would race it (docs/your-data.md).
        await Eventually.TrueAsync(async () => await app.CountAsync("users", Of(leaving)) == 1, TimeSpan.FromSeconds(60), "the registration should be stored");
        Assert.NotEmpty((await app.GetJsonAsync(leaving, "/api/v1/me/history")).GetProperty("items").EnumerateArray());

        await app.PublishAsync(new UserDeleted(leaving.UserId));

        string[] everyTable = [.. PlayTables, .. LikeTables, "voice_commands", "users"];
        await Eventually.TrueAsync(async () =>
        {
            foreach (var table in everyTable)
                if (await app.CountAsync(table, Of(leaving)) > 0) return false;
            return true;
        }, TimeSpan.FromSeconds(60), "every row of the deleted account should be gone");
        foreach (var table in PlayTables) Assert.Equal(2, await app.CountAsync(table, Of(staying)));
        foreach (var table in LikeTables) Assert.Equal(1, await app.CountAsync(table, Of(staying)));
        Assert.Equal(1, await app.CountAsync("users", Of(staying)));
        Assert.Empty((await app.GetJsonAsync(leaving, "/api/v1/me/history")).GetProperty("items").EnumerateArray());
        Assert.NotEmpty((await app.GetJsonAsync(staying, "/api/v1/me/history")).GetProperty("items").EnumerateArray());

        // A late event of the deleted account (an outbox behind), and a replay of everything, do not bring it back.
        List<IntegrationEvent> late = [.. Plays.Listen(track.TrackId, leaving.UserId, DateTime.UtcNow), new SongLiked(track.TrackId, leaving.UserId, true)];
        await app.PublishAsync([.. late, .. plays, .. likes, .. commands]);
        // Markers in every partition of each topic: once they are stored, everything published before them was read.
        var playMarkers = await app.PublishMarkersAsync(() => Plays.Started(track.TrackId, staying.UserId, DateTime.UtcNow));
        var likeMarkers = await app.PublishMarkersAsync(() => new SongLiked(track.TrackId, staying.UserId, true));
        var commandMarkers = await app.PublishMarkersAsync(() => new VoiceCommandHandled(Guid.NewGuid(), staying.UserId, "marker", "play_track", true, 1));
        await app.WaitStoredAsync("plays", playMarkers);
        await app.WaitStoredAsync("likes", likeMarkers);
        await app.WaitStoredAsync("voice_commands", commandMarkers);
        foreach (var table in everyTable) Assert.Equal(0, await app.CountAsync(table, Of(leaving)));
        Assert.Equal(2 + playMarkers.Count, await app.CountAsync("plays", Of(staying)));
    }

    [Fact]
    public async Task A_deleted_track_leaves_the_catalog_and_keeps_its_anonymous_play_counts()
    {
        var track = await app.PublishTrackAsync(title: "Withdrawn", artist: "Nobody");
        List<IntegrationEvent> plays = [.. Plays.Listen(track.TrackId, Guid.NewGuid(), DateTime.UtcNow.AddMinutes(-5))];
        await app.PublishAsync(plays);
        await app.WaitStoredAsync("plays", plays);
        await Eventually.TrueAsync(async () => await app.CountAsync("tracks", $"track_id = '{track.TrackId}'") == 1, TimeSpan.FromSeconds(60));

        await app.PublishAsync(new TrackDeleted(track.TrackId, track.OwnerId));

        await Eventually.TrueAsync(async () => await app.CountAsync("tracks", $"track_id = '{track.TrackId}'") == 0,
            TimeSpan.FromSeconds(60), "the deleted track's catalog copy should be gone");
        Assert.True(await app.CountAsync("track_plays_hourly", $"track_id = '{track.TrackId}'") > 0);
    }

    private static string Of(Session user) => $"user_id = '{user.UserId}'";
}
