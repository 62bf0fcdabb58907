using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MesaServicio.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LegalTermsAndClockTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AttendTargetAmount",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AttendTargetUnit",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LegalAnsweredAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LegalDueAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LegalModality",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LegalSuspendedSince",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LegalTermDays",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LegalTermInitialDays",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LegalTermStartedAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PqrsFiledAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResolveTargetAmount",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResolveTargetUnit",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_LegalDueAt",
                table: "Cases",
                column: "LegalDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_LegalDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "AttendTargetAmount",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "AttendTargetUnit",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "LegalAnsweredAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "LegalDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "LegalModality",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "LegalSuspendedSince",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "LegalTermDays",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "LegalTermInitialDays",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "LegalTermStartedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PqrsFiledAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ResolveTargetAmount",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ResolveTargetUnit",
                table: "Cases");
        }
    }
}
