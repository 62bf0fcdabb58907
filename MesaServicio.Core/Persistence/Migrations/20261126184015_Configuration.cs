using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MesaServicio.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Configuration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReminderTokenHash",
                table: "SurveyInvitations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CalendarSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NationalHolidays = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConfigurationChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Area = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConfigurationChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NonWorkingDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NonWorkingDays", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "CalendarWeeklyHours",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    CalendarSettingsId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarWeeklyHours", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalendarWeeklyHours_CalendarSettings_CalendarSettingsId",
                        column: x => x.CalendarSettingsId,
                        principalTable: "CalendarSettings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_ReminderTokenHash",
                table: "SurveyInvitations",
                column: "ReminderTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalendarWeeklyHours_CalendarSettingsId",
                table: "CalendarWeeklyHours",
                column: "CalendarSettingsId");

            migrationBuilder.CreateIndex(
                name: "IX_ConfigurationChanges_ActorId_At",
                table: "ConfigurationChanges",
                columns: new[] { "ActorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ConfigurationChanges_Area_At",
                table: "ConfigurationChanges",
                columns: new[] { "Area", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ConfigurationChanges_At",
                table: "ConfigurationChanges",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarWeeklyHours");

            migrationBuilder.DropTable(
                name: "ConfigurationChanges");

            migrationBuilder.DropTable(
                name: "NonWorkingDays");

            migrationBuilder.DropTable(
                name: "CalendarSettings");

            migrationBuilder.DropIndex(
                name: "IX_SurveyInvitations_ReminderTokenHash",
                table: "SurveyInvitations");

            migrationBuilder.DropColumn(
                name: "ReminderTokenHash",
                table: "SurveyInvitations");
        }
    }
}
