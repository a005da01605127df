using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Tickets_CreatedAt_Number",
                table: "Tickets",
                columns: new[] { "CreatedAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Priority_LastActivityAt_Number",
                table: "Tickets",
                columns: new[] { "Priority", "LastActivityAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Subject_Number",
                table: "Tickets",
                columns: new[] { "Subject", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_CreatedAt_Number",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Priority_LastActivityAt_Number",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Subject_Number",
                table: "Tickets");
        }
    }
}
