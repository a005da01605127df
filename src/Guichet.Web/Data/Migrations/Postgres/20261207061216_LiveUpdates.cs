using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LiveUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TicketPresences",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReplyingAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketPresences", x => new { x.TicketId, x.UserId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_TicketPresences_SeenAt",
                table: "TicketPresences",
                column: "SeenAt");

            // Every node's live feed listens on this channel (LiveFeed.Channel): a commit that adds ticket events wakes
            // them at once. Once per statement, and PostgreSQL folds the same notification of one transaction into one.
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_ticket_events() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('guichet_ticket_events', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TicketEvents_notify" AFTER INSERT ON "TicketEvents"
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_ticket_events();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TicketEvents_notify" ON "TicketEvents";
                DROP FUNCTION notify_ticket_events();
                """);

            migrationBuilder.DropTable(
                name: "TicketPresences");
        }
    }
}
