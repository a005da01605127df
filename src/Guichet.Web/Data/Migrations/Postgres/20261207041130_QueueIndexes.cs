using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_AssigneeId_StatusId_LastActivityAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_StatusId_SolvedAt_GroupId_AssigneeId",
                table: "Tickets");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_AssigneeId_StatusId_LastActivityAt_Number",
                table: "Tickets",
                columns: new[] { "AssigneeId", "StatusId", "LastActivityAt", "Number" },
                filter: "\"AssigneeId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_LastActivityAt_Number",
                table: "Tickets",
                columns: new[] { "LastActivityAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_StatusId_SolvedAt_GroupId_AssigneeId_LastActivityAt~",
                table: "Tickets",
                columns: new[] { "StatusId", "SolvedAt", "GroupId", "AssigneeId", "LastActivityAt", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_AssigneeId_StatusId_LastActivityAt_Number",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_LastActivityAt_Number",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_StatusId_SolvedAt_GroupId_AssigneeId_LastActivityAt~",
                table: "Tickets");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_AssigneeId_StatusId_LastActivityAt",
                table: "Tickets",
                columns: new[] { "AssigneeId", "StatusId", "LastActivityAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_StatusId_SolvedAt_GroupId_AssigneeId",
                table: "Tickets",
                columns: new[] { "StatusId", "SolvedAt", "GroupId", "AssigneeId" });
        }
    }
}
