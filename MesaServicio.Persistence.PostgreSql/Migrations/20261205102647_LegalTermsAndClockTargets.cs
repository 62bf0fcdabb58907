using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MesaServicio.Persistence.PostgreSql.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AttendTargetUnit",
                table: "Cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LegalAnsweredAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LegalDueAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LegalModality",
                table: "Cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LegalSuspendedSince",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LegalTermDays",
                table: "Cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LegalTermInitialDays",
                table: "Cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LegalTermStartedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PqrsFiledAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResolveTargetAmount",
                table: "Cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResolveTargetUnit",
                table: "Cases",
                type: "integer",
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
