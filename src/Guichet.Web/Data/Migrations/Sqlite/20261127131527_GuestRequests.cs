using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GuestRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PendingUploads_AspNetUsers_OwnerId",
                table: "PendingUploads");

            migrationBuilder.AddColumn<Guid>(
                name: "HeldRequestId",
                table: "PendingUploads",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HeldRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HeldRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HeldRequests_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PendingUploads_HeldRequestId",
                table: "PendingUploads",
                column: "HeldRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_HeldRequests_ExpiresAt",
                table: "HeldRequests",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_HeldRequests_UserId",
                table: "HeldRequests",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_PendingUploads_HeldRequests_HeldRequestId",
                table: "PendingUploads",
                column: "HeldRequestId",
                principalTable: "HeldRequests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PendingUploads_HeldRequests_HeldRequestId",
                table: "PendingUploads");

            migrationBuilder.DropTable(
                name: "HeldRequests");

            migrationBuilder.DropIndex(
                name: "IX_PendingUploads_HeldRequestId",
                table: "PendingUploads");

            migrationBuilder.DropColumn(
                name: "HeldRequestId",
                table: "PendingUploads");

            migrationBuilder.AddForeignKey(
                name: "FK_PendingUploads_AspNetUsers_OwnerId",
                table: "PendingUploads",
                column: "OwnerId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
