using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MesaServicio.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CaseListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_FiledById",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_RequesterId_ReceivedAt",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssignedGroupId_ReceivedAt_Id_Status",
                table: "Cases",
                columns: new[] { "AssignedGroupId", "ReceivedAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssigneeId_ReceivedAt_Id_Status",
                table: "Cases",
                columns: new[] { "AssigneeId", "ReceivedAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CategoryId_ReceivedAt_Id_Status",
                table: "Cases",
                columns: new[] { "CategoryId", "ReceivedAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_FiledById_ReceivedAt_Id_Status",
                table: "Cases",
                columns: new[] { "FiledById", "ReceivedAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_RequesterId_ReceivedAt_Id_Status",
                table: "Cases",
                columns: new[] { "RequesterId", "ReceivedAt", "Id", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_AssignedGroupId_ReceivedAt_Id_Status",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_AssigneeId_ReceivedAt_Id_Status",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_CategoryId_ReceivedAt_Id_Status",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_FiledById_ReceivedAt_Id_Status",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_RequesterId_ReceivedAt_Id_Status",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_FiledById",
                table: "Cases",
                column: "FiledById");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_RequesterId_ReceivedAt",
                table: "Cases",
                columns: new[] { "RequesterId", "ReceivedAt" });
        }
    }
}
