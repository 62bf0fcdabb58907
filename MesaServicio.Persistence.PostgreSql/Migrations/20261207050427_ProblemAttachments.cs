using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MesaServicio.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ProblemAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProblemAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProblemId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UploadedById = table.Column<Guid>(type: "uuid", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DeclaredContentType = table.Column<string>(type: "character varying(127)", maxLength: 127, nullable: false),
                    DetectedContentType = table.Column<string>(type: "character varying(127)", maxLength: 127, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StorageName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProblemAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProblemAttachments_People_UploadedById",
                        column: x => x.UploadedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProblemAttachments_ProblemComments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "ProblemComments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProblemAttachments_Problems_ProblemId",
                        column: x => x.ProblemId,
                        principalTable: "Problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProblemAttachments_CommentId",
                table: "ProblemAttachments",
                column: "CommentId");

            migrationBuilder.CreateIndex(
                name: "IX_ProblemAttachments_ProblemId_CommentId",
                table: "ProblemAttachments",
                columns: new[] { "ProblemId", "CommentId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProblemAttachments_UploadedById",
                table: "ProblemAttachments",
                column: "UploadedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProblemAttachments");
        }
    }
}
