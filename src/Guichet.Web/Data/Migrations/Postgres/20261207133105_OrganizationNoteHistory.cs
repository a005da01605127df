using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Guichet.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganizationNoteHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "NotesRevision",
                table: "Organizations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "OrganizationNoteRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationNoteRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganizationNoteRevisions_AspNetUsers_ById",
                        column: x => x.ById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OrganizationNoteRevisions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationNoteRevisions_ById",
                table: "OrganizationNoteRevisions",
                column: "ById");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationNoteRevisions_OrganizationId_Number",
                table: "OrganizationNoteRevisions",
                columns: new[] { "OrganizationId", "Number" },
                unique: true);

            // Notes written before the history was kept are its first revision, by nobody known, at no known time: saving
            // over them keeps them readable.
            migrationBuilder.Sql("""
                INSERT INTO "OrganizationNoteRevisions" ("OrganizationId", "Number", "Notes")
                SELECT "Id", 1, "Notes" FROM "Organizations" WHERE "Notes" IS NOT NULL;
                UPDATE "Organizations" SET "NotesRevision" = 1 WHERE "Notes" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrganizationNoteRevisions");

            migrationBuilder.DropColumn(
                name: "NotesRevision",
                table: "Organizations");
        }
    }
}
