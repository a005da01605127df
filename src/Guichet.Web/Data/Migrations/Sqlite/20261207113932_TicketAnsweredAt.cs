using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketAnsweredAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AnsweredAt",
                table: "Tickets",
                type: "INTEGER",
                nullable: true);

            // The requests already answered: their team's last public reply.
            migrationBuilder.Sql("""
                UPDATE "Tickets" SET "AnsweredAt" = (
                    SELECT MAX(m."CreatedAt") FROM "Messages" AS m
                    WHERE m."TicketId" = "Tickets"."Id" AND m."IsInternal" = 0
                      AND m."AuthorId" IN (SELECT "UserId" FROM "AspNetUserRoles"))
                WHERE EXISTS (SELECT 1 FROM "Messages" AS m WHERE m."TicketId" = "Tickets"."Id" AND m."IsInternal" = 0
                      AND m."AuthorId" IN (SELECT "UserId" FROM "AspNetUserRoles"));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnsweredAt",
                table: "Tickets");
        }
    }
}
