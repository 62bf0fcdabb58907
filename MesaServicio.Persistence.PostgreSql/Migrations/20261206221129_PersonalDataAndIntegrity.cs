using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MesaServicio.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataAndIntegrity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DataAuthorizationAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DataAuthorizationGranted",
                table: "Cases",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DataAuthorizationVersion",
                table: "Cases",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AttachmentIntegrity",
                columns: table => new
                {
                    AttachmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ProblemSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttachmentIntegrity", x => x.AttachmentId);
                    table.ForeignKey(
                        name: "FK_AttachmentIntegrity_CaseAttachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "CaseAttachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrivacyAcceptances",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivacyAcceptances", x => new { x.PersonId, x.Version });
                    table.ForeignKey(
                        name: "FK_PrivacyAcceptances_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PrivacyNotices",
                columns: table => new
                {
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivacyNotices", x => x.Version);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AttachmentIntegrity_CheckedAt",
                table: "AttachmentIntegrity",
                column: "CheckedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AttachmentIntegrity_State",
                table: "AttachmentIntegrity",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttachmentIntegrity");

            migrationBuilder.DropTable(
                name: "PrivacyAcceptances");

            migrationBuilder.DropTable(
                name: "PrivacyNotices");

            migrationBuilder.DropColumn(
                name: "DataAuthorizationAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "DataAuthorizationGranted",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "DataAuthorizationVersion",
                table: "Cases");
        }
    }
}
