using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NotificationSweep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AgentNotifications_At",
                table: "AgentNotifications",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AgentNotifications_ReadAt",
                table: "AgentNotifications",
                column: "ReadAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgentNotifications_At",
                table: "AgentNotifications");

            migrationBuilder.DropIndex(
                name: "IX_AgentNotifications_ReadAt",
                table: "AgentNotifications");
        }
    }
}
