using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MesaServicio.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IntakeClientsAndExternalEmails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_ExternalReference",
                table: "Cases");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedEmail",
                table: "People",
                type: "TEXT",
                maxLength: 320,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "IntakeClient",
                table: "Cases",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // People already there get their normalised e-mail before it must be unique.
            migrationBuilder.Sql("UPDATE \"People\" SET \"NormalizedEmail\" = lower(trim(\"Email\"))");

            migrationBuilder.CreateIndex(
                name: "IX_People_NormalizedEmail_External",
                table: "People",
                column: "NormalizedEmail",
                unique: true,
                filter: "\"ExternalObjectId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_IntakeClient_ExternalReference",
                table: "Cases",
                columns: new[] { "IntakeClient", "ExternalReference" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_NormalizedEmail_External",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_Cases_IntakeClient_ExternalReference",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "NormalizedEmail",
                table: "People");

            migrationBuilder.DropColumn(
                name: "IntakeClient",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ExternalReference",
                table: "Cases",
                column: "ExternalReference",
                unique: true);
        }
    }
}
