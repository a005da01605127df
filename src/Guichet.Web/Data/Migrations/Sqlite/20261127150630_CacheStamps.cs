using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Guichet.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CacheStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CacheStamps",
                columns: table => new
                {
                    Region = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Stamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CacheStamps", x => x.Region);
                });

            migrationBuilder.InsertData(
                table: "CacheStamps",
                columns: new[] { "Region", "Stamp" },
                values: new object[,]
                {
                    { "catalog", new Guid("00000000-0000-0000-0000-000000000000") },
                    { "people", new Guid("00000000-0000-0000-0000-000000000000") }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CacheStamps");
        }
    }
}
