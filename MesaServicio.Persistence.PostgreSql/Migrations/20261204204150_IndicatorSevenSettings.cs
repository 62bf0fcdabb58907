using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MesaServicio.Persistence.PostgreSql.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ReportSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Indicator7Target = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSettings", x => x.Id);
                });

            // The specialised level of indicator 7 by default (PRODUCT.md): the procedure's three specialised groups.
            migrationBuilder.Sql(
                "UPDATE \"Categories\" SET \"IsSpecialised\" = TRUE WHERE \"ParentId\" IS NULL AND \"Name\" IN "
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
