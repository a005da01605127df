using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Sqlite
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
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StatusId = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
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
            migrationBuilder.Sql("""
                INSERT INTO "QueueTicketCounts" ("GroupId", "AssigneeId", "StatusId", "Count")
                SELECT COALESCE("GroupId", 0), COALESCE("AssigneeId", '00000000-0000-0000-0000-000000000000'), "StatusId", COUNT(*)
                FROM "Tickets" GROUP BY 1, 2, 3;
                CREATE TRIGGER "Tickets_QueueCountInserted" AFTER INSERT ON "Tickets"
                BEGIN
                    INSERT INTO "QueueTicketCounts" ("GroupId", "AssigneeId", "StatusId", "Count")
                    VALUES (COALESCE(NEW."GroupId", 0), COALESCE(NEW."AssigneeId", '00000000-0000-0000-0000-000000000000'), NEW."StatusId", 1)
                    ON CONFLICT ("GroupId", "AssigneeId", "StatusId") DO UPDATE SET "Count" = "Count" + 1;
                END;
                CREATE TRIGGER "Tickets_QueueCountDeleted" AFTER DELETE ON "Tickets"
                BEGIN
                    UPDATE "QueueTicketCounts" SET "Count" = "Count" - 1
                    WHERE "GroupId" = COALESCE(OLD."GroupId", 0)
                      AND "AssigneeId" = COALESCE(OLD."AssigneeId", '00000000-0000-0000-0000-000000000000') AND "StatusId" = OLD."StatusId";
                END;
                CREATE TRIGGER "Tickets_QueueCountMoved" AFTER UPDATE OF "GroupId", "AssigneeId", "StatusId" ON "Tickets"
                WHEN OLD."GroupId" IS NOT NEW."GroupId" OR OLD."AssigneeId" IS NOT NEW."AssigneeId" OR OLD."StatusId" <> NEW."StatusId"
                BEGIN
                    UPDATE "QueueTicketCounts" SET "Count" = "Count" - 1
                    WHERE "GroupId" = COALESCE(OLD."GroupId", 0)
                      AND "AssigneeId" = COALESCE(OLD."AssigneeId", '00000000-0000-0000-0000-000000000000') AND "StatusId" = OLD."StatusId";
                    INSERT INTO "QueueTicketCounts" ("GroupId", "AssigneeId", "StatusId", "Count")
                    VALUES (COALESCE(NEW."GroupId", 0), COALESCE(NEW."AssigneeId", '00000000-0000-0000-0000-000000000000'), NEW."StatusId", 1)
                    ON CONFLICT ("GroupId", "AssigneeId", "StatusId") DO UPDATE SET "Count" = "Count" + 1;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Tickets_QueueCountInserted";
                DROP TRIGGER "Tickets_QueueCountDeleted";
                DROP TRIGGER "Tickets_QueueCountMoved";
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
