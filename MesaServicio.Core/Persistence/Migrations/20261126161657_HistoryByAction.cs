using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MesaServicio.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HistoryByAction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_CaseHistory_Action_CaseId",
                table: "CaseHistory",
                columns: new[] { "Action", "CaseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseHistory_Action_CaseId",
                table: "CaseHistory");
        }
    }
}
