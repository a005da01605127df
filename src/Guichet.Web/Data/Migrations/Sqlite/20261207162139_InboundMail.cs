using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guichet.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 250,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "References",
                table: "OutboxMails",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TicketId",
                table: "OutboxMails",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MailFailingSince",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MailFailure",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InboundMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MailboxId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RawBlobKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    MessageIdHeader = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    FromAddress = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DropReason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TicketNumber = table.Column<long>(type: "INTEGER", nullable: true),
                    ConversationMessageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Trace = table.Column<string>(type: "TEXT", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Mailboxes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    ImapHost = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ImapPort = table.Column<int>(type: "INTEGER", nullable: false),
                    Security = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    ProtectedPassword = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Folder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MoveToFolder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PollSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestTypeId = table.Column<int>(type: "INTEGER", nullable: true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastFetchAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSuccessAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Waiting = table.Column<int>(type: "INTEGER", nullable: false)
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
