using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The full-text index of tickets (see Search/SqliteSearchEngine.cs). Raw SQL only: the index
    /// is not part of the EF model, so the model snapshot does not change.
    /// </summary>
    public partial class TicketSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Contentless (the text is in Messages already); rowid = ticket number. '_' is a token
            // character only for the scope tokens (r_..., o_...): indexed words never contain one.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE TicketSearch USING fts5(
                    scope, body, notes,
                    content = '', contentless_delete = 1,
                    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE TicketSearch;");
        }
    }
}
