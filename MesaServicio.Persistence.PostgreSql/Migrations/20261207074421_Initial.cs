using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MesaServicio.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CalendarSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NationalHolidays = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseNumberSequences",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    LastValue = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNumberSequences", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "ConfigurationChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Area = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Before = table.Column<string>(type: "text", nullable: true),
                    After = table.Column<string>(type: "text", nullable: true),
                    Reason = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConfigurationChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NonWorkingDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NonWorkingDays", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DedupKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecipientId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToAddress = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: true),
                    HtmlBody = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    LeasedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ExternalObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Dependency = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Roles = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    AnonymisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PortalNotifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DedupKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortalNotifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PriorityMatrix",
                columns: table => new
                {
                    Impact = table.Column<int>(type: "integer", nullable: false),
                    Urgency = table.Column<int>(type: "integer", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorityMatrix", x => new { x.Impact, x.Urgency });
                });

            migrationBuilder.CreateTable(
                name: "PrivacyNotices",
                columns: table => new
                {
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivacyNotices", x => x.Version);
                });

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

            migrationBuilder.CreateTable(
                name: "TechnicianGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    LastAssignedPersonId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TechnicianGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalendarWeeklyHours",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    End = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    CalendarSettingsId = table.Column<int>(type: "integer", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "OutboxAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxAttachments_OutboxMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "character(12)", fixedLength: true, maxLength: 12, nullable: false),
                    SecretHash = table.Column<byte[]>(type: "bytea", fixedLength: true, maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedById = table.Column<Guid>(type: "uuid", nullable: true),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReplacesId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReplacedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_ApiKeys_ReplacesId",
                        column: x => x.ReplacesId,
                        principalTable: "ApiKeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApiKeys_People_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApiKeys_People_RevokedById",
                        column: x => x.RevokedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EmailOptOuts",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailOptOuts", x => new { x.PersonId, x.Kind });
                    table.ForeignKey(
                        name: "FK_EmailOptOuts_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ImprovementActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Origin = table.Column<int>(type: "integer", nullable: false),
                    OriginMonth = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    ResponsibleId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DueSoonNoticeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OverdueNoticeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImprovementActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImprovementActions_People_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ImprovementActions_People_ResponsibleId",
                        column: x => x.ResponsibleId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MonthClosures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<string>(type: "character varying(7)", unicode: false, maxLength: 7, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedById = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReportJson = table.Column<string>(type: "text", nullable: false),
                    ReportSha256 = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    Pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    PdfSha256 = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    Csv = table.Column<byte[]>(type: "bytea", nullable: false),
                    CsvSha256 = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false)
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

            migrationBuilder.CreateTable(
                name: "PrivacyAcceptances",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivacyAcceptances", x => new { x.PersonId, x.Version });
                    table.ForeignKey(
                        name: "FK_PrivacyAcceptances_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Categories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ParentId = table.Column<int>(type: "integer", nullable: true),
                    Name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    GroupId = table.Column<int>(type: "integer", nullable: true),
                    TechnicalLeadId = table.Column<Guid>(type: "uuid", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsSpecialised = table.Column<bool>(type: "boolean", nullable: false),
                    RetentionYears = table.Column<int>(type: "integer", nullable: true),
                    RetentionKeepsPersonalData = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Categories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Categories_Categories_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Categories_People_TechnicalLeadId",
                        column: x => x.TechnicalLeadId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Categories_TechnicianGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "TechnicianGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GroupMembers",
                columns: table => new
                {
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupMembers", x => new { x.GroupId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_GroupMembers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupMembers_TechnicianGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "TechnicianGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImprovementFollowUps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImprovementFollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImprovementFollowUps_ImprovementActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "ImprovementActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ImprovementFollowUps_People_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ImprovementHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    FromValue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ToValue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImprovementHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImprovementHistory_ImprovementActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "ImprovementActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Problems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Impact = table.Column<int>(type: "integer", nullable: false),
                    Urgency = table.Column<int>(type: "integer", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    ResponsibleId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RootCause = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    Workaround = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    WorkaroundAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Solution = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    KnownErrorAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Problems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Problems_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Problems_People_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Problems_People_ResponsibleId",
                        column: x => x.ResponsibleId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SlaPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CategoryId = table.Column<int>(type: "integer", nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    AttendAmount = table.Column<int>(type: "integer", nullable: true),
                    AttendUnit = table.Column<int>(type: "integer", nullable: true),
                    ResolveAmount = table.Column<int>(type: "integer", nullable: true),
                    ResolveUnit = table.Column<int>(type: "integer", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlaPolicies_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProblemComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProblemId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProblemComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProblemComments_People_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProblemComments_Problems_ProblemId",
                        column: x => x.ProblemId,
                        principalTable: "Problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProblemHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProblemId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    FromValue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ToValue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Detail = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProblemHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProblemHistory_Problems_ProblemId",
                        column: x => x.ProblemId,
                        principalTable: "Problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    Impact = table.Column<int>(type: "integer", nullable: false),
                    Urgency = table.Column<int>(type: "integer", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    RequesterId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExternalReference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    IntakeClient = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DataAuthorizationGranted = table.Column<bool>(type: "boolean", nullable: true),
                    DataAuthorizationVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DataAuthorizationAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FiledById = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    BoardColumn = table.Column<int>(type: "integer", nullable: true),
                    BoardDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    AssignedGroupId = table.Column<int>(type: "integer", nullable: true),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstActionAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RejectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RejectionReason = table.Column<int>(type: "integer", nullable: true),
                    DuplicateOfCaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Solution = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    CloseOutcome = table.Column<int>(type: "integer", nullable: true),
                    SurveyDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SurveyRound = table.Column<int>(type: "integer", nullable: false),
                    SlaPolicyId = table.Column<int>(type: "integer", nullable: true),
                    AttendDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AttendTarget = table.Column<TimeSpan>(type: "interval", nullable: true),
                    ResolveBaseDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolveTarget = table.Column<TimeSpan>(type: "interval", nullable: true),
                    AttendTargetAmount = table.Column<int>(type: "integer", nullable: true),
                    AttendTargetUnit = table.Column<int>(type: "integer", nullable: true),
                    ResolveTargetAmount = table.Column<int>(type: "integer", nullable: true),
                    ResolveTargetUnit = table.Column<int>(type: "integer", nullable: true),
                    PausedBusinessTime = table.Column<TimeSpan>(type: "interval", nullable: false),
                    PausedSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    LegalModality = table.Column<int>(type: "integer", nullable: true),
                    PqrsFiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LegalTermStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LegalTermInitialDays = table.Column<int>(type: "integer", nullable: true),
                    LegalTermDays = table.Column<int>(type: "integer", nullable: true),
                    LegalDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LegalSuspendedSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LegalAnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cases_Cases_DuplicateOfCaseId",
                        column: x => x.DuplicateOfCaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_People_AssigneeId",
                        column: x => x.AssigneeId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_People_FiledById",
                        column: x => x.FiledById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_People_RequesterId",
                        column: x => x.RequesterId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_SlaPolicies_SlaPolicyId",
                        column: x => x.SlaPolicyId,
                        principalTable: "SlaPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_TechnicianGroups_AssignedGroupId",
                        column: x => x.AssignedGroupId,
                        principalTable: "TechnicianGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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

            migrationBuilder.CreateTable(
                name: "Articles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Audience = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewNoticeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SourceKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SourceReference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SourceCaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Articles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Articles_Cases_SourceCaseId",
                        column: x => x.SourceCaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Articles_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Articles_People_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Articles_People_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    IsInternal = table.Column<bool>(type: "boolean", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    RelatedCaseNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseComments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseComments_People_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseDispositions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RetentionYears = table.Column<int>(type: "integer", nullable: false),
                    DisposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ArchiveFolder = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PdfSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PdfSize = table.Column<long>(type: "bigint", nullable: false),
                    Files = table.Column<int>(type: "integer", nullable: false),
                    MissingFiles = table.Column<int>(type: "integer", nullable: false),
                    Anonymised = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseDispositions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseDispositions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    FromStatus = table.Column<int>(type: "integer", nullable: true),
                    ToStatus = table.Column<int>(type: "integer", nullable: true),
                    FromValue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ToValue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Detail = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    EscalatedToLevel = table.Column<int>(type: "integer", nullable: true),
                    EscalatedToCategoryId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseHistory_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ImprovementActionCases",
                columns: table => new
                {
                    ActionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImprovementActionCases", x => new { x.ActionId, x.CaseId });
                    table.ForeignKey(
                        name: "FK_ImprovementActionCases_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ImprovementActionCases_ImprovementActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "ImprovementActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProblemIncidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProblemId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkedById = table.Column<Guid>(type: "uuid", nullable: true),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UnlinkedById = table.Column<Guid>(type: "uuid", nullable: true),
                    UnlinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProblemIncidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProblemIncidents_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProblemIncidents_People_LinkedById",
                        column: x => x.LinkedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProblemIncidents_People_UnlinkedById",
                        column: x => x.UnlinkedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProblemIncidents_Problems_ProblemId",
                        column: x => x.ProblemId,
                        principalTable: "Problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SiteVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Dependency = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ScheduledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Preparation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PlannedById = table.Column<Guid>(type: "uuid", nullable: true),
                    PlannedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RescheduleCount = table.Column<int>(type: "integer", nullable: false),
                    CancelReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    BusinessTime = table.Column<TimeSpan>(type: "interval", nullable: true),
                    Findings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StaffIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    AttendeeIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SiteVisits_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SiteVisits_People_PlannedById",
                        column: x => x.PlannedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SlaAlerts",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Target = table.Column<int>(type: "integer", nullable: false),
                    Threshold = table.Column<int>(type: "integer", nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaAlerts", x => new { x.CaseId, x.Target, x.Threshold });
                    table.ForeignKey(
                        name: "FK_SlaAlerts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SurveyInvitations",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    InvitedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReminderTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyInvitations", x => new { x.CaseId, x.Round });
                    table.ForeignKey(
                        name: "FK_SurveyInvitations_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SurveyResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredById = table.Column<Guid>(type: "uuid", nullable: true),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Satisfied = table.Column<bool>(type: "boolean", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    Timeliness = table.Column<int>(type: "integer", nullable: false),
                    Courtesy = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyResponses_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ArticleHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    FromValue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ToValue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArticleHistory_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArticleHistory_People_ActorId",
                        column: x => x.ActorId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ArticleUses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleUses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArticleUses_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArticleUses_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArticleUses_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ArticleWords",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "integer", nullable: false),
                    Word = table.Column<string>(type: "text", nullable: false),
                    Head = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    InTitle = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleWords", x => new { x.ArticleId, x.Word });
                    table.ForeignKey(
                        name: "FK_ArticleWords_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnswerInvitations",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RemindAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReminderTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnswerInvitations", x => x.MessageId);
                    table.ForeignKey(
                        name: "FK_AnswerInvitations_CaseComments_MessageId",
                        column: x => x.MessageId,
                        principalTable: "CaseComments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AnswerInvitations_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommentId = table.Column<Guid>(type: "uuid", nullable: true),
                    IsInternal = table.Column<bool>(type: "boolean", nullable: false),
                    UploadedById = table.Column<Guid>(type: "uuid", nullable: true),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DeclaredContentType = table.Column<string>(type: "character varying(127)", maxLength: 127, nullable: false),
                    DetectedContentType = table.Column<string>(type: "character varying(127)", maxLength: 127, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    StorageName = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ContentRemovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseAttachments_CaseComments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "CaseComments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseAttachments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseAttachments_People_UploadedById",
                        column: x => x.UploadedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AttachmentIntegrity",
                columns: table => new
                {
                    AttachmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ProblemSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttachmentIntegrity", x => x.AttachmentId);
                    table.ForeignKey(
                        name: "FK_AttachmentIntegrity_CaseAttachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "CaseAttachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnswerInvitations_CaseId",
                table: "AnswerInvitations",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_AnswerInvitations_RemindedAt_RemindAt",
                table: "AnswerInvitations",
                columns: new[] { "RemindedAt", "RemindAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AnswerInvitations_ReminderTokenHash",
                table: "AnswerInvitations",
                column: "ReminderTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnswerInvitations_TokenHash",
                table: "AnswerInvitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_CreatedAt",
                table: "ApiKeys",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_CreatedById",
                table: "ApiKeys",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Prefix",
                table: "ApiKeys",
                column: "Prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_ReplacesId",
                table: "ApiKeys",
                column: "ReplacesId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_RevokedById",
                table: "ApiKeys",
                column: "RevokedById");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleHistory_ActorId",
                table: "ArticleHistory",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleHistory_ArticleId_Id",
                table: "ArticleHistory",
                columns: new[] { "ArticleId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_CategoryId",
                table: "Articles",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_CreatedById",
                table: "Articles",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_OwnerId",
                table: "Articles",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_ReviewOn",
                table: "Articles",
                column: "ReviewOn");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SourceCaseId",
                table: "Articles",
                column: "SourceCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_Audience_CategoryId",
                table: "Articles",
                columns: new[] { "Status", "Audience", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleUses_ArticleId",
                table: "ArticleUses",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleUses_At_Kind",
                table: "ArticleUses",
                columns: new[] { "At", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleUses_CaseId",
                table: "ArticleUses",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleUses_PersonId",
                table: "ArticleUses",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleWords_Head_Word_ArticleId_InTitle",
                table: "ArticleWords",
                columns: new[] { "Head", "Word", "ArticleId", "InTitle" });

            migrationBuilder.CreateIndex(
                name: "IX_AttachmentIntegrity_CheckedAt",
                table: "AttachmentIntegrity",
                column: "CheckedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AttachmentIntegrity_State",
                table: "AttachmentIntegrity",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarWeeklyHours_CalendarSettingsId",
                table: "CalendarWeeklyHours",
                column: "CalendarSettingsId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAttachments_CaseId_UploadedAt",
                table: "CaseAttachments",
                columns: new[] { "CaseId", "UploadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAttachments_CommentId",
                table: "CaseAttachments",
                column: "CommentId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAttachments_StorageName",
                table: "CaseAttachments",
                column: "StorageName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseAttachments_UploadedById",
                table: "CaseAttachments",
                column: "UploadedById");

            migrationBuilder.CreateIndex(
                name: "IX_CaseComments_AuthorId",
                table: "CaseComments",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseComments_CaseId_At",
                table: "CaseComments",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseDispositions_CaseId",
                table: "CaseDispositions",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseDispositions_DisposedAt",
                table: "CaseDispositions",
                column: "DisposedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CaseHistory_Action_CaseId",
                table: "CaseHistory",
                columns: new[] { "Action", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseHistory_At",
                table: "CaseHistory",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_CaseHistory_CaseId_Id",
                table: "CaseHistory",
                columns: new[] { "CaseId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssignedGroupId_BoardColumn_Priority_BoardDueAt_Number",
                table: "Cases",
                columns: new[] { "AssignedGroupId", "BoardColumn", "Priority", "BoardDueAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssignedGroupId_ReceivedAt_Id_Status",
                table: "Cases",
                columns: new[] { "AssignedGroupId", "ReceivedAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssignedGroupId_Status",
                table: "Cases",
                columns: new[] { "AssignedGroupId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssigneeId_BoardColumn_Priority_BoardDueAt_Number",
                table: "Cases",
                columns: new[] { "AssigneeId", "BoardColumn", "Priority", "BoardDueAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssigneeId_ReceivedAt_Id_Status",
                table: "Cases",
                columns: new[] { "AssigneeId", "ReceivedAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssigneeId_Status",
                table: "Cases",
                columns: new[] { "AssigneeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_BoardColumn_Priority_BoardDueAt_Number",
                table: "Cases",
                columns: new[] { "BoardColumn", "Priority", "BoardDueAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CategoryId_BoardColumn_Priority_BoardDueAt_Number",
                table: "Cases",
                columns: new[] { "CategoryId", "BoardColumn", "Priority", "BoardDueAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CategoryId_ReceivedAt_Id_Status",
                table: "Cases",
                columns: new[] { "CategoryId", "ReceivedAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CategoryId_Status",
                table: "Cases",
                columns: new[] { "CategoryId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DuplicateOfCaseId",
                table: "Cases",
                column: "DuplicateOfCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_FiledById_ReceivedAt_Id_Status",
                table: "Cases",
                columns: new[] { "FiledById", "ReceivedAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_IntakeClient_ExternalReference",
                table: "Cases",
                columns: new[] { "IntakeClient", "ExternalReference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_LegalDueAt",
                table: "Cases",
                column: "LegalDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Number",
                table: "Cases",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReceivedAt",
                table: "Cases",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_RequesterId_ReceivedAt_Id_Status",
                table: "Cases",
                columns: new[] { "RequesterId", "ReceivedAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SlaPolicyId",
                table: "Cases",
                column: "SlaPolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_Priority",
                table: "Cases",
                columns: new[] { "Status", "Priority" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_SurveyDueAt",
                table: "Cases",
                columns: new[] { "Status", "SurveyDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Categories_GroupId",
                table: "Categories",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Categories_ParentId_Name",
                table: "Categories",
                columns: new[] { "ParentId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Categories_TechnicalLeadId",
                table: "Categories",
                column: "TechnicalLeadId");

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

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_PersonId",
                table: "GroupMembers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActionCases_CaseId",
                table: "ImprovementActionCases",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_ClosedAt",
                table: "ImprovementActions",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_CreatedAt",
                table: "ImprovementActions",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_CreatedById",
                table: "ImprovementActions",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_DueOn",
                table: "ImprovementActions",
                column: "DueOn");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_Number",
                table: "ImprovementActions",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_ResponsibleId_Status",
                table: "ImprovementActions",
                columns: new[] { "ResponsibleId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_Status_DueOn",
                table: "ImprovementActions",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementActions_Year_Sequence",
                table: "ImprovementActions",
                columns: new[] { "Year", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementFollowUps_ActionId_At",
                table: "ImprovementFollowUps",
                columns: new[] { "ActionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementFollowUps_AuthorId",
                table: "ImprovementFollowUps",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementHistory_ActionId_Id",
                table: "ImprovementHistory",
                columns: new[] { "ActionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_MonthClosures_ClosedById",
                table: "MonthClosures",
                column: "ClosedById");

            migrationBuilder.CreateIndex(
                name: "IX_MonthClosures_Month_Version",
                table: "MonthClosures",
                columns: new[] { "Month", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxAttachments_MessageId",
                table: "OutboxAttachments",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_DedupKey",
                table: "OutboxMessages",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_SentAt_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "SentAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_People_Email",
                table: "People",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_People_ExternalObjectId",
                table: "People",
                column: "ExternalObjectId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_NormalizedEmail_External",
                table: "People",
                column: "NormalizedEmail",
                unique: true,
                filter: "\"ExternalObjectId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PortalNotifications_DedupKey",
                table: "PortalNotifications",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PortalNotifications_PersonId_CreatedAt",
                table: "PortalNotifications",
                columns: new[] { "PersonId", "CreatedAt" });

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

            migrationBuilder.CreateIndex(
                name: "IX_ProblemComments_AuthorId",
                table: "ProblemComments",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_ProblemComments_ProblemId_At",
                table: "ProblemComments",
                columns: new[] { "ProblemId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ProblemHistory_ProblemId_Id",
                table: "ProblemHistory",
                columns: new[] { "ProblemId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ProblemIncidents_CaseId_UnlinkedAt",
                table: "ProblemIncidents",
                columns: new[] { "CaseId", "UnlinkedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ProblemIncidents_LinkedAt",
                table: "ProblemIncidents",
                column: "LinkedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ProblemIncidents_LinkedById",
                table: "ProblemIncidents",
                column: "LinkedById");

            migrationBuilder.CreateIndex(
                name: "IX_ProblemIncidents_ProblemId_UnlinkedAt",
                table: "ProblemIncidents",
                columns: new[] { "ProblemId", "UnlinkedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ProblemIncidents_UnlinkedById",
                table: "ProblemIncidents",
                column: "UnlinkedById");

            migrationBuilder.CreateIndex(
                name: "IX_Problems_CategoryId",
                table: "Problems",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Problems_CreatedAt",
                table: "Problems",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Problems_CreatedById",
                table: "Problems",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_Problems_KnownErrorAt",
                table: "Problems",
                column: "KnownErrorAt");

            migrationBuilder.CreateIndex(
                name: "IX_Problems_Number",
                table: "Problems",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Problems_ResolvedAt",
                table: "Problems",
                column: "ResolvedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Problems_ResponsibleId",
                table: "Problems",
                column: "ResponsibleId");

            migrationBuilder.CreateIndex(
                name: "IX_Problems_Status_CreatedAt",
                table: "Problems",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Problems_Year_Sequence",
                table: "Problems",
                columns: new[] { "Year", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisits_CaseId_ScheduledAt",
                table: "SiteVisits",
                columns: new[] { "CaseId", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisits_PlannedById",
                table: "SiteVisits",
                column: "PlannedById");

            migrationBuilder.CreateIndex(
                name: "IX_SiteVisits_Status_EndedAt",
                table: "SiteVisits",
                columns: new[] { "Status", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_CategoryId_Kind_Priority",
                table: "SlaPolicies",
                columns: new[] { "CategoryId", "Kind", "Priority" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_RemindedAt_ExpiresAt",
                table: "SurveyInvitations",
                columns: new[] { "RemindedAt", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_ReminderTokenHash",
                table: "SurveyInvitations",
                column: "ReminderTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyInvitations_TokenHash",
                table: "SurveyInvitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_AnsweredAt",
                table: "SurveyResponses",
                column: "AnsweredAt");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_CaseId_Round",
                table: "SurveyResponses",
                columns: new[] { "CaseId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TechnicianGroups_Name",
                table: "TechnicianGroups",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnswerInvitations");

            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "ArticleHistory");

            migrationBuilder.DropTable(
                name: "ArticleUses");

            migrationBuilder.DropTable(
                name: "ArticleWords");

            migrationBuilder.DropTable(
                name: "AttachmentIntegrity");

            migrationBuilder.DropTable(
                name: "CalendarWeeklyHours");

            migrationBuilder.DropTable(
                name: "CaseDispositions");

            migrationBuilder.DropTable(
                name: "CaseHistory");

            migrationBuilder.DropTable(
                name: "CaseNumberSequences");

            migrationBuilder.DropTable(
                name: "ConfigurationChanges");

            migrationBuilder.DropTable(
                name: "EmailOptOuts");

            migrationBuilder.DropTable(
                name: "GroupMembers");

            migrationBuilder.DropTable(
                name: "ImprovementActionCases");

            migrationBuilder.DropTable(
                name: "ImprovementFollowUps");

            migrationBuilder.DropTable(
                name: "ImprovementHistory");

            migrationBuilder.DropTable(
                name: "MonthClosures");

            migrationBuilder.DropTable(
                name: "NonWorkingDays");

            migrationBuilder.DropTable(
                name: "OutboxAttachments");

            migrationBuilder.DropTable(
                name: "PortalNotifications");

            migrationBuilder.DropTable(
                name: "PriorityMatrix");

            migrationBuilder.DropTable(
                name: "PrivacyAcceptances");

            migrationBuilder.DropTable(
                name: "PrivacyNotices");

            migrationBuilder.DropTable(
                name: "ProblemAttachments");

            migrationBuilder.DropTable(
                name: "ProblemHistory");

            migrationBuilder.DropTable(
                name: "ProblemIncidents");

            migrationBuilder.DropTable(
                name: "ReportSettings");

            migrationBuilder.DropTable(
                name: "SiteVisits");

            migrationBuilder.DropTable(
                name: "SlaAlerts");

            migrationBuilder.DropTable(
                name: "SurveyInvitations");

            migrationBuilder.DropTable(
                name: "SurveyResponses");

            migrationBuilder.DropTable(
                name: "Articles");

            migrationBuilder.DropTable(
                name: "CaseAttachments");

            migrationBuilder.DropTable(
                name: "CalendarSettings");

            migrationBuilder.DropTable(
                name: "ImprovementActions");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "ProblemComments");

            migrationBuilder.DropTable(
                name: "CaseComments");

            migrationBuilder.DropTable(
                name: "Problems");

            migrationBuilder.DropTable(
                name: "Cases");

            migrationBuilder.DropTable(
                name: "SlaPolicies");

            migrationBuilder.DropTable(
                name: "Categories");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "TechnicianGroups");
        }
    }
}
