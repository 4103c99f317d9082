using Dexel.Playlist.Model;

namespace Dexel.Playlist.Tests;

/// <summary>Unit tests of the playlist aggregate's rules.</summary>
public sealed class PlaylistRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Inserting_and_removing_keep_positions_contiguous_and_bump_the_version()
    {
        var playlist = new Model.Playlist(Guid.NewGuid(), "Mix", null, false, Now);
        var a = playlist.Add(Guid.NewGuid(), null, Now);
        var c = playlist.Add(Guid.NewGuid(), null, Now);
        var b = playlist.Add(Guid.NewGuid(), 1, Now);
        Assert.Equal([a.Id, b.Id, c.Id], playlist.InOrder().Select(e => e.Id));

        playlist.RemoveAt(0, Now);
        Assert.Equal([0, 1], playlist.InOrder().Select(e => e.Position));
        Assert.Equal(5, playlist.Version);
    }

    [Fact]
    public void A_deleted_track_leaves_every_position_it_held_and_the_rest_close_up()
    {
        var playlist = new Model.Playlist(Guid.NewGuid(), "Mix", null, false, Now);
        var deleted = Guid.NewGuid();
        var first = playlist.Add(Guid.NewGuid(), null, Now);
        playlist.Add(deleted, null, Now);
        var third = playlist.Add(Guid.NewGuid(), null, Now);
        playlist.Add(deleted, null, Now);
        var fifth = playlist.Add(Guid.NewGuid(), null, Now);

        Assert.Equal(2, playlist.RemoveTrack(deleted, Now));
        Assert.Equal([first.Id, third.Id, fifth.Id], playlist.InOrder().Select(e => e.Id));
        Assert.Equal([0, 1, 2], playlist.InOrder().Select(e => e.Position));
        Assert.Equal(7, playlist.Version);
        Assert.Equal(0, playlist.RemoveTrack(deleted, Now));
        Assert.Equal(7, playlist.Version);
    }

    [Fact]
    public void Positions_outside_the_list_are_refused()
    {
        var playlist = new Model.Playlist(Guid.NewGuid(), "Mix", null, false, Now);
        Assert.Equal("position", Assert.Throws<PlaylistRuleException>(() => playlist.Add(Guid.NewGuid(), 1, Now)).Field);
        Assert.Throws<PlaylistRuleException>(() => playlist.RemoveAt(0, Now));
        Assert.Equal(1, playlist.Version);
    }

    [Fact]
    public void A_reorder_must_be_a_permutation_of_the_entries()
    {
        var playlist = new Model.Playlist(Guid.NewGuid(), "Mix", null, false, Now);
        var ids = Enumerable.Range(0, 3).Select(_ => playlist.Add(Guid.NewGuid(), null, Now).Id).ToList();

        Assert.Throws<PlaylistRuleException>(() => playlist.Reorder([ids[0], ids[1]], Now));
        Assert.Throws<PlaylistRuleException>(() => playlist.Reorder([ids[0], ids[1], ids[1]], Now));
        Assert.Throws<PlaylistRuleException>(() => playlist.Reorder([ids[0], ids[1], Guid.NewGuid()], Now));
        playlist.Reorder([ids[2], ids[0], ids[1]], Now);
        Assert.Equal([ids[2], ids[0], ids[1]], playlist.InOrder().Select(e => e.Id));
    }

    [Fact]
    public void Describing_changes_only_what_is_given_and_a_blank_description_clears_it()
    {
        var playlist = new Model.Playlist(Guid.NewGuid(), "Mix", "Old notes", false, Now);
        playlist.Describe(null, "  New notes ", null, Now);
        Assert.Equal(("Mix", "New notes", false), (playlist.Name, playlist.Description, playlist.IsPublic));
        playlist.Describe("Renamed", " ", null, Now);
        Assert.Equal(("Renamed", null), (playlist.Name, playlist.Description));
        Assert.Equal(3, playlist.Version);
    }

    [Fact]
    public void Visibility_follows_ownership_and_the_public_flag()
    {
        var owner = Guid.NewGuid();
        var playlist = new Model.Playlist(owner, "Mix", null, false, Now);
        Assert.True(playlist.IsVisibleTo(owner));
        Assert.False(playlist.IsVisibleTo(Guid.NewGuid()));
        playlist.Describe(null, null, true, Now);
        Assert.True(playlist.IsVisibleTo(Guid.NewGuid()));
    }
}
