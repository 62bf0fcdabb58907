using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MesaServicio.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorSevenSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsSpecialised",
                table: "Categories",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ReportSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Indicator7Target = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSettings", x => x.Id);
                });

            // The specialised level of indicator 7 by default (PRODUCT.md): the procedure's three specialised groups.
            migrationBuilder.Sql(
                "UPDATE \"Categories\" SET \"IsSpecialised\" = 1 WHERE \"ParentId\" IS NULL AND \"Name\" IN "
                + "('Sistemas de información misionales', 'Sistemas de información de apoyo', 'Servicios especializados de TI');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportSettings");

            migrationBuilder.DropColumn(
                name: "IsSpecialised",
                table: "Categories");
        }
    }
}
