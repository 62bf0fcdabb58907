using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MesaServicio.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BoardColumnPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BoardColumn",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BoardDueAt",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // The column and sort key of each case already stored (Case keeps them from now on; closed: no column).
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "BoardColumn" = CASE
                    WHEN "Status" IN (1, 2, 3) THEN 1
                    WHEN "Status" = 4 THEN 2
                    WHEN "Status" = 5 THEN 3
                    WHEN "Status" = 6 THEN 4
                    WHEN "Status" IN (7, 8, 9) THEN 5
                    ELSE NULL END,
                    "BoardDueAt" = COALESCE("ResolveBaseDueAt", "AttendDueAt", "ReceivedAt")
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssignedGroupId_BoardColumn_Priority_BoardDueAt_Number",
                table: "Cases",
                columns: new[] { "AssignedGroupId", "BoardColumn", "Priority", "BoardDueAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssigneeId_BoardColumn_Priority_BoardDueAt_Number",
                table: "Cases",
                columns: new[] { "AssigneeId", "BoardColumn", "Priority", "BoardDueAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_BoardColumn_Priority_BoardDueAt_Number",
                table: "Cases",
                columns: new[] { "BoardColumn", "Priority", "BoardDueAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CategoryId_BoardColumn_Priority_BoardDueAt_Number",
                table: "Cases",
                columns: new[] { "CategoryId", "BoardColumn", "Priority", "BoardDueAt", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_AssignedGroupId_BoardColumn_Priority_BoardDueAt_Number",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_AssigneeId_BoardColumn_Priority_BoardDueAt_Number",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_BoardColumn_Priority_BoardDueAt_Number",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_CategoryId_BoardColumn_Priority_BoardDueAt_Number",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "BoardColumn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "BoardDueAt",
                table: "Cases");
        }
    }
}
