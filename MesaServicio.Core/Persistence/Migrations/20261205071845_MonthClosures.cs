using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MesaServicio.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MonthClosures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MonthClosures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<string>(type: "TEXT", unicode: false, maxLength: 7, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReportJson = table.Column<string>(type: "TEXT", nullable: false),
                    ReportSha256 = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    Pdf = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PdfSha256 = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    Csv = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CsvSha256 = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthClosures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthClosures_People_ClosedById",
                        column: x => x.ClosedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MonthClosures_ClosedById",
                table: "MonthClosures",
                column: "ClosedById");

            migrationBuilder.CreateIndex(
                name: "IX_MonthClosures_Month_Version",
                table: "MonthClosures",
                columns: new[] { "Month", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonthClosures");
        }
    }
}
