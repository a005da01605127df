using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueTicketCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_StatusId_SolvedAt",
                table: "Tickets");

            migrationBuilder.CreateTable(
                name: "QueueTicketCounts",
                columns: table => new
                {
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatusId = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueTicketCounts", x => new { x.GroupId, x.AssigneeId, x.StatusId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_StatusId_SolvedAt_GroupId_AssigneeId",
                table: "Tickets",
                columns: new[] { "StatusId", "SolvedAt", "GroupId", "AssigneeId" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueTicketCounts_AssigneeId_StatusId",
                table: "QueueTicketCounts",
                columns: new[] { "AssigneeId", "StatusId" });

            // Kept by the database in the same transaction as every write to Tickets (see QueueTicketCount).
            // The lock keeps another node's writes out between the first count and the trigger's creation.
            migrationBuilder.Sql("""
                LOCK TABLE "Tickets" IN SHARE ROW EXCLUSIVE MODE;
                INSERT INTO "QueueTicketCounts" ("GroupId", "AssigneeId", "StatusId", "Count")
                SELECT COALESCE("GroupId", 0), COALESCE("AssigneeId", '00000000-0000-0000-0000-000000000000'), "StatusId", COUNT(*)
                FROM "Tickets" GROUP BY 1, 2, 3;
                CREATE FUNCTION count_queue_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    old_group int; old_assignee uuid; new_group int; new_assignee uuid;
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        old_group := COALESCE(OLD."GroupId", 0);
                        old_assignee := COALESCE(OLD."AssigneeId", '00000000-0000-0000-0000-000000000000');
                    END IF;
                    IF TG_OP IN ('UPDATE', 'INSERT') THEN
                        new_group := COALESCE(NEW."GroupId", 0);
                        new_assignee := COALESCE(NEW."AssigneeId", '00000000-0000-0000-0000-000000000000');
                    END IF;
                    IF TG_OP = 'UPDATE' AND old_group = new_group AND old_assignee = new_assignee AND OLD."StatusId" = NEW."StatusId" THEN
                        RETURN NULL;
                    END IF;
                    -- A move takes its two rows' locks in key order, whichever way it goes: two tickets moving in
                    -- opposite directions would otherwise deadlock.
                    IF TG_OP = 'UPDATE' AND (new_group, new_assignee, NEW."StatusId") < (old_group, old_assignee, OLD."StatusId") THEN
                        INSERT INTO "QueueTicketCounts" ("GroupId", "AssigneeId", "StatusId", "Count")
                        VALUES (new_group, new_assignee, NEW."StatusId", 1)
                        ON CONFLICT ("GroupId", "AssigneeId", "StatusId") DO UPDATE SET "Count" = "QueueTicketCounts"."Count" + 1;
                        UPDATE "QueueTicketCounts" SET "Count" = "Count" - 1
                        WHERE "GroupId" = old_group AND "AssigneeId" = old_assignee AND "StatusId" = OLD."StatusId";
                        RETURN NULL;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        UPDATE "QueueTicketCounts" SET "Count" = "Count" - 1
                        WHERE "GroupId" = old_group AND "AssigneeId" = old_assignee AND "StatusId" = OLD."StatusId";
                    END IF;
                    IF TG_OP IN ('UPDATE', 'INSERT') THEN
                        INSERT INTO "QueueTicketCounts" ("GroupId", "AssigneeId", "StatusId", "Count")
                        VALUES (new_group, new_assignee, NEW."StatusId", 1)
                        ON CONFLICT ("GroupId", "AssigneeId", "StatusId") DO UPDATE SET "Count" = "QueueTicketCounts"."Count" + 1;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "Tickets_QueueCount" AFTER INSERT OR DELETE OR UPDATE OF "GroupId", "AssigneeId", "StatusId" ON "Tickets"
                FOR EACH ROW EXECUTE FUNCTION count_queue_tickets();
                -- TRUNCATE skips row triggers: the counts go with the tickets.
                CREATE FUNCTION forget_queue_ticket_counts() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM "QueueTicketCounts";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "Tickets_QueueCountTruncated" AFTER TRUNCATE ON "Tickets"
                FOR EACH STATEMENT EXECUTE FUNCTION forget_queue_ticket_counts();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Tickets_QueueCountTruncated" ON "Tickets";
                DROP TRIGGER "Tickets_QueueCount" ON "Tickets";
                DROP FUNCTION forget_queue_ticket_counts();
                DROP FUNCTION count_queue_tickets();
                """);

            migrationBuilder.DropTable(
                name: "QueueTicketCounts");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_StatusId_SolvedAt_GroupId_AssigneeId",
                table: "Tickets");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_StatusId_SolvedAt",
                table: "Tickets",
                columns: new[] { "StatusId", "SolvedAt" });
        }
    }
}
