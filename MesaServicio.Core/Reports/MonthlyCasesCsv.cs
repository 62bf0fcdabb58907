using System.Globalization;
using CsvHelper;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Reports;

/// <summary>
/// The month's cases as CSV for further analysis (one row per case filed in the month), in the form a
/// spreadsheet in Spanish (Colombia) opens directly: UTF-8 with BOM, <c>;</c> between fields, es-CO dates
/// and numbers. Rows stream from the database to the output; nothing is built in memory. Every text that a
/// spreadsheet could take for a formula is neutralised (see <see cref="Neutralise"/>).
/// </summary>
public sealed class MonthlyCasesCsv(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    CaseGuard guard)
{
    /// <summary>The separator: a comma is the decimal mark in es-CO.</summary>
    public const char Delimiter = ';';

    /// <summary>The column titles, in order.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "Número", "Radicado", "Tipo", "Grupo de categorías", "Categoría", "Asunto", "Canal", "Prioridad", "Estado", "Nivel",
        "Responsable", "Vence atención", "Primera acción", "Atención dentro del ANS", "Horas hábiles hasta la primera acción",
        "Vence solución (sin pausas)", "Resuelto", "Horas hábiles hasta la solución", "Rechazado", "Motivo de rechazo",
        "Resultado del cierre", "Cerrado",
    ];

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// Writes the CSV of <paramref name="month"/> for <paramref name="user"/>: only the coordinator may export the
    /// month's cases (anyone else gets <see cref="Common.ForbiddenException"/> before anything is written).
    /// </summary>
    public Task WriteAsync(YearMonth month, CurrentUser user, Stream output, CancellationToken cancellationToken)
    {
        guard.Demand(user, GlobalOperation.Reports);
        return WriteAsync(month, output, cancellationToken);
    }

    /// <summary>Writes the CSV of <paramref name="month"/> to <paramref name="output"/> (left open).</summary>
    public async Task WriteAsync(YearMonth month, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var calendar = calendars.Current;
        var asOf = time.GetUtcNow();
        var (from, to) = month.Bounds(calendar);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var categories = await ReportCategories.LoadAsync(db, cancellationToken).ConfigureAwait(false);
        var people = await db.People.AsNoTracking()
            .Where(p => db.Cases.Any(c => c.AssigneeId == p.Id && c.ReceivedAt >= from && c.ReceivedAt < to))
            .Select(p => new { p.Id, p.DisplayName })
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken).ConfigureAwait(false);

        var options = new CsvWriterOptions
        {
            Separator = Delimiter,
            NewLine = "\r\n",
            WriteByteOrderMark = true, // Excel reads UTF-8 only with it
            Injection = CsvInjection.None, // done by Neutralise, on every cell, so the rule is ours and tested
        };
        var csv = CsvWriter.Create(output, options, leaveOpen: true);
        await using (csv.ConfigureAwait(false))
        {
            foreach (var title in Header)
            {
                csv.WriteField(title);
            }

            await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);

            var rows = db.Cases.AsNoTracking()
                .Where(c => c.ReceivedAt >= from && c.ReceivedAt < to)
                .OrderBy(c => c.ReceivedAt)
                .Select(c => new
                {
                    c.Number,
                    c.ReceivedAt,
                    c.Kind,
                    c.CategoryId,
                    c.Subject,
                    c.Channel,
                    c.Priority,
                    c.Status,
                    c.Level,
                    c.AssigneeId,
                    c.AttendDueAt,
                    c.FirstActionAt,
                    c.ResolveBaseDueAt,
                    c.PausedBusinessTime,
                    c.ResolvedAt,
                    c.RejectedAt,
                    c.RejectionReason,
                    c.CloseOutcome,
                    c.ClosedAt,
                })
                .AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false);

            // EndRecordAsync writes to the stream whenever its buffer is mostly full: rows stream through.
            await foreach (var c in rows)
            {
                string within = c.AttendDueAt is not { } due ? "Sin ANS"
                    : c.FirstActionAt is { } first ? (first <= due ? "Sí" : "No")
                    : asOf >= due ? "No" : "Pendiente";
                string[] cells =
                [
                    c.Number,
                    ReportFormat.DateTime(c.ReceivedAt, calendar),
                    ReportFormat.Label(c.Kind),
                    categories.GroupOf(c.CategoryId).Name,
                    categories.NameOf(c.CategoryId),
                    c.Subject,
                    ReportFormat.Label(c.Channel),
                    ReportFormat.Label(c.Priority),
                    ReportFormat.Label(c.Status),
                    c.Level.ToString(CultureInfo.InvariantCulture),
                    c.AssigneeId is { } a && people.TryGetValue(a, out var name) ? name : "",
                    ReportFormat.DateTime(c.AttendDueAt, calendar),
                    ReportFormat.DateTime(c.FirstActionAt, calendar),
                    within,
                    c.FirstActionAt is { } f ? ReportFormat.Hours(calendar.BusinessTimeBetween(c.ReceivedAt, f)) : "",
                    ReportFormat.DateTime(c.ResolveBaseDueAt is { } rd ? calendar.AddBusinessTime(rd, c.PausedBusinessTime) : null, calendar),
                    ReportFormat.DateTime(c.ResolvedAt, calendar),
                    c.ResolvedAt is { } r ? ReportFormat.Hours(Positive(calendar.BusinessTimeBetween(c.ReceivedAt, r) - c.PausedBusinessTime)) : "",
                    ReportFormat.DateTime(c.RejectedAt, calendar),
                    c.RejectedAt is not null && c.RejectionReason is { } reason ? ReportFormat.Label(reason) : "",
                    c.CloseOutcome is { } outcome ? ReportFormat.Label(outcome) : "",
                    ReportFormat.DateTime(c.ClosedAt, calendar),
                ];
                foreach (var cell in cells)
                {
                    csv.WriteField(Neutralise(cell));
                }

                await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
            }

            await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A cell a spreadsheet would read as a formula (it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
    /// a tab or a carriage return) gets a leading single quote, so it is shown as text and never evaluated
    /// (CSV injection). Other cells are returned as they are.
    /// </summary>
    public static string Neutralise(string? cell) =>
        string.IsNullOrEmpty(cell) ? "" : Array.IndexOf(FormulaStarts, cell[0]) >= 0 ? "'" + cell : cell;

    private static TimeSpan Positive(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;
}
