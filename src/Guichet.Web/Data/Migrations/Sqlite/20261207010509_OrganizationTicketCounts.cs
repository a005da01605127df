using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrganizationTicketCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OrganizationTicketCounts",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StatusId = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationTicketCounts", x => new { x.OrganizationId, x.StatusId });
                });

            // Kept by the database in the same transaction as every write to Tickets (see OrganizationTicketCount).
            migrationBuilder.Sql("""
                INSERT INTO "OrganizationTicketCounts" ("OrganizationId", "StatusId", "Count")
                SELECT "OrganizationId", "StatusId", COUNT(*) FROM "Tickets" WHERE "OrganizationId" IS NOT NULL
                GROUP BY "OrganizationId", "StatusId";

                CREATE TRIGGER "Tickets_CountInserted" AFTER INSERT ON "Tickets" WHEN NEW."OrganizationId" IS NOT NULL
                BEGIN
                    INSERT INTO "OrganizationTicketCounts" ("OrganizationId", "StatusId", "Count")
                    VALUES (NEW."OrganizationId", NEW."StatusId", 1)
                    ON CONFLICT ("OrganizationId", "StatusId") DO UPDATE SET "Count" = "Count" + 1;
                END;

                CREATE TRIGGER "Tickets_CountDeleted" AFTER DELETE ON "Tickets" WHEN OLD."OrganizationId" IS NOT NULL
                BEGIN
                    UPDATE "OrganizationTicketCounts" SET "Count" = "Count" - 1
                    WHERE "OrganizationId" = OLD."OrganizationId" AND "StatusId" = OLD."StatusId";
                END;

                CREATE TRIGGER "Tickets_CountMoved" AFTER UPDATE OF "OrganizationId", "StatusId" ON "Tickets"
                WHEN OLD."OrganizationId" IS NOT NEW."OrganizationId" OR OLD."StatusId" <> NEW."StatusId"
                BEGIN
                    UPDATE "OrganizationTicketCounts" SET "Count" = "Count" - 1
                    WHERE "OrganizationId" = OLD."OrganizationId" AND "StatusId" = OLD."StatusId";
                    INSERT INTO "OrganizationTicketCounts" ("OrganizationId", "StatusId", "Count")
                    SELECT NEW."OrganizationId", NEW."StatusId", 1 WHERE NEW."OrganizationId" IS NOT NULL
                    ON CONFLICT ("OrganizationId", "StatusId") DO UPDATE SET "Count" = "Count" + 1;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Tickets_CountInserted";
                DROP TRIGGER "Tickets_CountDeleted";
                DROP TRIGGER "Tickets_CountMoved";
                """);
            migrationBuilder.DropTable(
                name: "OrganizationTicketCounts");
        }
    }
}
