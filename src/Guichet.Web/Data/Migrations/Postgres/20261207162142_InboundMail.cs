using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Guichet.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InboundMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InReplyTo",
                table: "OutboxMails",
                type: "character varying(250)",
                maxLength: 250,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "References",
                table: "OutboxMails",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TicketId",
                table: "OutboxMails",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MailFailingSince",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MailFailure",
                table: "AspNetUsers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InboundMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MailboxId = table.Column<int>(type: "integer", nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RawBlobKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    MessageIdHeader = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    FromAddress = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DropReason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: true),
                    TicketNumber = table.Column<long>(type: "bigint", nullable: true),
                    ConversationMessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    Trace = table.Column<string>(type: "text", nullable: false),
                    Error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Mailboxes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    ImapHost = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ImapPort = table.Column<int>(type: "integer", nullable: false),
                    Security = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UserName = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    ProtectedPassword = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Folder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MoveToFolder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PollSeconds = table.Column<int>(type: "integer", nullable: false),
                    RequestTypeId = table.Column<int>(type: "integer", nullable: true),
                    GroupId = table.Column<int>(type: "integer", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastFetchAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastSuccessAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Waiting = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mailboxes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMails_TicketId",
                table: "OutboxMails",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_ConversationMessageId",
                table: "InboundMessages",
                column: "ConversationMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_FromAddress_ReceivedAt",
                table: "InboundMessages",
                columns: new[] { "FromAddress", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_MailboxId_ReceivedAt",
                table: "InboundMessages",
                columns: new[] { "MailboxId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_MessageIdHeader",
                table: "InboundMessages",
                column: "MessageIdHeader");

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_Source_MessageIdHeader_RawBlobKey",
                table: "InboundMessages",
                columns: new[] { "Source", "MessageIdHeader", "RawBlobKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_State_ReceivedAt",
                table: "InboundMessages",
                columns: new[] { "State", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_TicketId",
                table: "InboundMessages",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_Mailboxes_Address",
                table: "Mailboxes",
                column: "Address",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboundMessages");

            migrationBuilder.DropTable(
                name: "Mailboxes");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMails_TicketId",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "InReplyTo",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "References",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "TicketId",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "MailFailingSince",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "MailFailure",
                table: "AspNetUsers");
        }
    }
}
