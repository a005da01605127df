using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TicketAnsweredAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AnsweredAt",
                table: "Tickets",
                type: "timestamp with time zone",
                nullable: true);

            // The requests already answered: their team's last public reply.
            migrationBuilder.Sql("""
                UPDATE "Tickets" AS t SET "AnsweredAt" = s.at
                FROM (SELECT m."TicketId", MAX(m."CreatedAt") AS at FROM "Messages" AS m
                      WHERE NOT m."IsInternal" AND m."AuthorId" IN (SELECT "UserId" FROM "AspNetUserRoles")
                      GROUP BY m."TicketId") AS s
                WHERE s."TicketId" = t."Id";
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
