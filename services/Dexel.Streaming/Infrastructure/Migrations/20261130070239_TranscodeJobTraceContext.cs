using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dexel.Streaming.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TranscodeJobTraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                table: "transcode_jobs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_state",
                table: "transcode_jobs",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "trace_parent",
                table: "transcode_jobs");

            migrationBuilder.DropColumn(
                name: "trace_state",
                table: "transcode_jobs");
        }
    }
}
