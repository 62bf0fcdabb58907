using System.Security.Cryptography;
using MesaServicio.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Reports.Closing;

/// <summary>
/// One frozen version of a month's results (issue #15, "cierre del mes"): the desk's report (<see cref="ReportScope.All"/>)
/// as it read at the closing instant, with the PDF and the CSV rendered then, and the SHA-256 of each, so that anyone
/// can check later that a file is the one the desk closed. Version 1 is the automatic closing on the first business day
/// after the month ended; each re-closing by the coordinator, with a reason, adds the next version. Rows are never
/// changed: every version stays downloadable.
/// </summary>
public sealed class MonthClosure
{
    /// <summary>The longest reason accepted for a re-closing.</summary>
    public const int ReasonMaxLength = 2000;

    private MonthClosure()
    {
        ReportJson = "";
        ReportSha256 = "";
        Pdf = [];
        PdfSha256 = "";
        Csv = [];
        CsvSha256 = "";
    }

    internal MonthClosure(YearMonth month, int version, DateTimeOffset closedAt, Guid? closedById, string? reason, string reportJson, byte[] pdf, byte[] csv)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (version > 1 && string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A month is closed again only with a reason.", nameof(reason));
        }

        Month = month;
        Version = version;
        ClosedAt = closedAt.ToUniversalTime();
        ClosedById = closedById;
        Reason = reason;
        ReportJson = reportJson;
        ReportSha256 = Sha256(System.Text.Encoding.UTF8.GetBytes(reportJson));
        Pdf = pdf;
        PdfSha256 = Sha256(pdf);
        Csv = csv;
        CsvSha256 = Sha256(csv);
    }

    public long Id { get; private set; }

    /// <summary>The month closed.</summary>
    public YearMonth Month { get; private set; }

    /// <summary>1 for the first closing, then one more for each re-closing. Unique with <see cref="Month"/>.</summary>
    public int Version { get; private set; }

    /// <summary>The closing instant: the report's figures are as of it.</summary>
    public DateTimeOffset ClosedAt { get; private set; }

    /// <summary>The coordinator who closed it again; null for the automatic closing.</summary>
    public Guid? ClosedById { get; private set; }

    /// <summary>Why the month was closed again (required from version 2 on).</summary>
    public string? Reason { get; private set; }

    /// <summary>The <see cref="MonthlyReport"/> as JSON (<see cref="MonthlyReportJson"/>).</summary>
    public string ReportJson { get; private set; }

    /// <summary>SHA-256 of <see cref="ReportJson"/> in UTF-8, lowercase hexadecimal.</summary>
    public string ReportSha256 { get; private set; }

    public byte[] Pdf { get; private set; }

    /// <summary>SHA-256 of <see cref="Pdf"/>, lowercase hexadecimal.</summary>
    public string PdfSha256 { get; private set; }

    public byte[] Csv { get; private set; }

    /// <summary>SHA-256 of <see cref="Csv"/>, lowercase hexadecimal.</summary>
    public string CsvSha256 { get; private set; }

    /// <summary>The SHA-256 of <paramref name="content"/>, lowercase hexadecimal (64 characters).</summary>
    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

internal sealed class MonthClosureConfiguration : IEntityTypeConfiguration<MonthClosure>
{
    public void Configure(EntityTypeBuilder<MonthClosure> builder)
    {
        builder.ToTable("MonthClosures");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Month).HasConversion(m => m.ToString(), s => Parse(s)).HasMaxLength(7).IsUnicode(false).IsRequired();

        // Once across instances: two closers of the same month race for version n + 1 and one insert is refused.
        builder.HasIndex(c => new { c.Month, c.Version }).IsUnique();
        builder.Property(c => c.Reason).HasMaxLength(MonthClosure.ReasonMaxLength);
        builder.Property(c => c.ReportJson).IsRequired();
        builder.Property(c => c.ReportSha256).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(c => c.Pdf).IsRequired();
        builder.Property(c => c.PdfSha256).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(c => c.Csv).IsRequired();
        builder.Property(c => c.CsvSha256).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.ClosedById).OnDelete(DeleteBehavior.Restrict);
    }

    private static YearMonth Parse(string text) =>
        YearMonth.TryParse(text, out var month) ? month : throw new FormatException($"Not a month: {text}");
}
