using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dexel.Voice.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CommandHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "voice_commands",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    transcript = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    intent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    slots = table.Column<Dictionary<string, string>>(type: "jsonb", nullable: false),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reply = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    transcribe_ms = table.Column<int>(type: "integer", nullable: false),
                    act_ms = table.Column<int>(type: "integer", nullable: false),
                    speak_ms = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_voice_commands", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_voice_commands_user_id_created_at",
                table: "voice_commands",
                columns: new[] { "user_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "voice_commands");
        }
    }
}
