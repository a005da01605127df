using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Journal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ProcessedStatusId",
                table: "RequestTypes",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_TicketEvents_At",
                table: "TicketEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_RequestTypes_ProcessedStatusId",
                table: "RequestTypes",
                column: "ProcessedStatusId");

            migrationBuilder.AddForeignKey(
                name: "FK_RequestTypes_Statuses_ProcessedStatusId",
                table: "RequestTypes",
                column: "ProcessedStatusId",
                principalTable: "Statuses",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RequestTypes_Statuses_ProcessedStatusId",
                table: "RequestTypes");

            migrationBuilder.DropIndex(
                name: "IX_TicketEvents_At",
                table: "TicketEvents");

            migrationBuilder.DropIndex(
                name: "IX_RequestTypes_ProcessedStatusId",
                table: "RequestTypes");

            migrationBuilder.DropColumn(
                name: "ProcessedStatusId",
                table: "RequestTypes");
        }
    }
}
