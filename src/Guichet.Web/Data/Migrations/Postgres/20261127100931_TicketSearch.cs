using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The full-text index of tickets (see Search/PostgresSearchEngine.cs). Raw SQL only: the index
    /// is not part of the EF model, so the model snapshot does not change.
    /// </summary>
    public partial class TicketSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it.
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE TEXT SEARCH CONFIGURATION guichet_search (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION guichet_search
                    ALTER MAPPING FOR word, hword, hword_part, numword, numhword, hword_numpart WITH unaccent, simple;
                CREATE TABLE "TicketSearch" (
                    "Number" bigint PRIMARY KEY,
                    "Document" tsvector NOT NULL
                );
                CREATE INDEX "IX_TicketSearch_Document" ON "TicketSearch" USING gin ("Document");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The unaccent extension stays: something else may have come to use it.
            migrationBuilder.Sql("""
                DROP TABLE "TicketSearch";
                DROP TEXT SEARCH CONFIGURATION guichet_search;
                """);
        }
    }
}
