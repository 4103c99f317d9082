using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dexel.Playlist.Infrastructure.Migrations
{
    /// <summary>
    /// One entry per position in a playlist, enforced by the database. EF cannot declare a
    /// DEFERRABLE constraint, and an immediate one would fail halfway through any shift of
    /// positions, so the model's plain index is swapped for a constraint of the same name.
    /// </summary>
    public partial class PositionsUniquePerPlaylist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_playlist_entries_playlist_id_position", table: "playlist_entries");
            migrationBuilder.Sql("""
                ALTER TABLE playlist_entries ADD CONSTRAINT ix_playlist_entries_playlist_id_position
                    UNIQUE (playlist_id, position) DEFERRABLE INITIALLY DEFERRED;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE playlist_entries DROP CONSTRAINT ix_playlist_entries_playlist_id_position;");
            migrationBuilder.CreateIndex(
                name: "ix_playlist_entries_playlist_id_position",
                table: "playlist_entries",
                columns: new[] { "playlist_id", "position" });
        }
    }
}
