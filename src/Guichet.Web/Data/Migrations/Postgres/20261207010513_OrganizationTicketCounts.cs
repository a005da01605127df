using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Postgres
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
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatusId = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationTicketCounts", x => new { x.OrganizationId, x.StatusId });
                });

            // Kept by the database in the same transaction as every write to Tickets (see OrganizationTicketCount).
            // The lock keeps another node's writes out between the first count and the trigger's creation.
            migrationBuilder.Sql("""
                LOCK TABLE "Tickets" IN SHARE ROW EXCLUSIVE MODE;

                INSERT INTO "OrganizationTicketCounts" ("OrganizationId", "StatusId", "Count")
                SELECT "OrganizationId", "StatusId", COUNT(*) FROM "Tickets" WHERE "OrganizationId" IS NOT NULL
                GROUP BY "OrganizationId", "StatusId";

                CREATE FUNCTION count_organization_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND OLD."OrganizationId" IS NOT DISTINCT FROM NEW."OrganizationId"
                        AND OLD."StatusId" = NEW."StatusId" THEN
                        RETURN NULL;
                    END IF;
                    -- A move takes its two rows' locks in one order (organization, then status), whichever way it goes:
                    -- two tickets moving in opposite directions would otherwise deadlock.
                    IF TG_OP = 'UPDATE' AND OLD."OrganizationId" IS NOT NULL AND NEW."OrganizationId" IS NOT NULL
                        AND (NEW."OrganizationId", NEW."StatusId") < (OLD."OrganizationId", OLD."StatusId") THEN
                        INSERT INTO "OrganizationTicketCounts" ("OrganizationId", "StatusId", "Count")
                        VALUES (NEW."OrganizationId", NEW."StatusId", 1)
                        ON CONFLICT ("OrganizationId", "StatusId")
                        DO UPDATE SET "Count" = "OrganizationTicketCounts"."Count" + 1;
                        UPDATE "OrganizationTicketCounts" SET "Count" = "Count" - 1
                        WHERE "OrganizationId" = OLD."OrganizationId" AND "StatusId" = OLD."StatusId";
                        RETURN NULL;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."OrganizationId" IS NOT NULL THEN
                        UPDATE "OrganizationTicketCounts" SET "Count" = "Count" - 1
                        WHERE "OrganizationId" = OLD."OrganizationId" AND "StatusId" = OLD."StatusId";
                    END IF;
                    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW."OrganizationId" IS NOT NULL THEN
                        INSERT INTO "OrganizationTicketCounts" ("OrganizationId", "StatusId", "Count")
                        VALUES (NEW."OrganizationId", NEW."StatusId", 1)
                        ON CONFLICT ("OrganizationId", "StatusId")
                        DO UPDATE SET "Count" = "OrganizationTicketCounts"."Count" + 1;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER "Tickets_Count" AFTER INSERT OR DELETE OR UPDATE OF "OrganizationId", "StatusId" ON "Tickets"
                FOR EACH ROW EXECUTE FUNCTION count_organization_tickets();

                -- TRUNCATE skips row triggers: the counts go with the tickets.
                CREATE FUNCTION forget_organization_ticket_counts() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM "OrganizationTicketCounts";
                    RETURN NULL;
                END $$;

                CREATE TRIGGER "Tickets_CountTruncated" AFTER TRUNCATE ON "Tickets"
                FOR EACH STATEMENT EXECUTE FUNCTION forget_organization_ticket_counts();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Tickets_CountTruncated" ON "Tickets";
                DROP TRIGGER "Tickets_Count" ON "Tickets";
                DROP FUNCTION forget_organization_ticket_counts();
                DROP FUNCTION count_organization_tickets();
                """);
            migrationBuilder.DropTable(
                name: "OrganizationTicketCounts");
        }
    }
}
