using System.Globalization;
using CsvHelper;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Reports;

/// <summary>
/// The month's cases as CSV for further analysis, in the form a spreadsheet in Spanish (Colombia) opens directly:
/// UTF-8 with BOM, <c>;</c> between fields, es-CO dates and numbers. One row per case filed in the month, counted in
/// the month's compliance figures (first attention, indicator 7 or the PQRS legal term, by the report's own rule,
/// <see cref="MonthlyCompliance"/>) or whose survey was answered in the month, so every figure of the report can be recounted
/// from it: volumes over the rows "Radicado en el mes" = Sí, indicator 7 over "Cuenta en el indicador 7 del mes" = Sí, PQRS
/// within their legal term over "Cuenta en el término legal del mes" = Sí, scores over the answers.
/// Rows stream from the database to the output. Every text that a spreadsheet could take for a formula is neutralised
/// (see <see cref="Neutralise"/>).
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
        "Número", "Radicado", "Radicado en el mes", "Tipo", "Grupo de categorías", "Categoría", "Nivel especializado", "Asunto", "Canal",
        "Prioridad", "Estado", "Nivel", "Responsable",
        "Vence atención", "Primera acción", "Primera atención dentro del ANS", "Cuenta en la primera atención del mes",
        "Horas hábiles hasta la primera acción",
        "Vence solución", "Resuelto", "Rechazado", "Motivo de rechazo", "Horas hábiles hasta la solución", "Solución dentro del ANS",
        "Cuenta en el indicador 7 del mes",
        "Resultado del cierre", "Cerrado",
        "Respuesta de la encuesta", "Respuestas en el mes", "Satisfecho", "Calificación general", "Oportunidad", "Trato digno",
        "Modalidad PQRS", "Vencimiento legal", "Término legal", "Cuenta en el término legal del mes",
    ];

    /// <summary>What a spreadsheet may read as the start of a formula, the full-width forms (U+FF1D ＝, U+FF0B ＋, U+FF0D －, U+FF20 ＠) included: some spreadsheets fold them to ASCII.</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

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

        // The month's survey answers (a few per case closed in the month at most): the last one of each case is shown.
        var answers = (await db.SurveyResponses.AsNoTracking()
                .Where(r => r.AnsweredAt >= from && r.AnsweredAt < to)
                .Select(r => new Answer(r.CaseId, r.AnsweredAt, r.Satisfied, r.Rating, r.Timeliness, r.Courtesy))
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r.CaseId)
            .ToDictionary(g => g.Key, g => (Last: g.MaxBy(r => r.AnsweredAt)!, Count: g.Count()));
        var answeredIds = answers.Keys.ToList();

        // A superset, in SQL, of the rows: filed in the month, may count in its compliance figures, or answered in it.
        var candidates = db.Cases.AsNoTracking().Where(MonthlyCompliance.OrElse(
            MonthlyCompliance.OrElse(MonthlyCompliance.MayCountIn(from, to), MonthlyCompliance.LegalMayCountIn(from, to)),
            c => (c.ReceivedAt >= from && c.ReceivedAt < to) || answeredIds.Contains(c.Id)));
        var people = await db.People.AsNoTracking()
            .Where(p => candidates.Any(c => c.AssigneeId == p.Id))
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

            var rows = candidates
                .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Number)
                .Select(c => new
                {
                    c.Id,
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
                    c.AttendTarget,
                    c.FirstActionAt,
                    c.ResolveBaseDueAt,
                    c.ResolveTarget,
                    c.PausedBusinessTime,
                    c.PausedSince,
                    c.ResolvedAt,
                    c.RejectedAt,
                    c.RejectionReason,
                    c.CloseOutcome,
                    c.ClosedAt,
                    c.LegalModality,
                    c.LegalDueAt,
                    c.LegalAnsweredAt,
                    c.LegalSuspendedSince,
                })
                .AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false);

            // EndRecordAsync writes to the stream whenever its buffer is mostly full: rows stream through.
            await foreach (var c in rows)
            {
                var filed = c.ReceivedAt >= from && c.ReceivedAt < to;
                var specialised = MonthlyCompliance.IsSpecialised(c.Level, c.CategoryId, categories);
                var attention = MonthlyCompliance.Attention(c.AttendDueAt, c.FirstActionAt, calendar, asOf);
                var facts = new SlaFacts(c.ReceivedAt, c.AttendDueAt, c.AttendTarget, c.FirstActionAt, c.ResolveBaseDueAt,
                    c.ResolveTarget, c.PausedBusinessTime, c.PausedSince, Case.ResolutionStopsIn(c.Status));
                var resolution = MonthlyCompliance.Resolution(facts, c.ResolvedAt, c.RejectedAt, calendar, asOf);
                var attentionCounts = attention is { } at && at.Outcome != ClockOutcome.Pending && at.CountsIn(from, to);
                var resolutionCounts = resolution is { } rs && rs.Outcome != ClockOutcome.Pending && rs.CountsIn(from, to);
                var legal = MonthlyCompliance.LegalTerm(c.LegalDueAt, c.LegalAnsweredAt, c.LegalSuspendedSince, asOf);
                var legalCounts = legal is { } lt && lt.Outcome != ClockOutcome.Pending && lt.CountsIn(from, to);
                var answered = answers.TryGetValue(c.Id, out var answer);
                if (!filed && !attentionCounts && !resolutionCounts && !answered && !legalCounts)
                {
                    continue; // a candidate of the prefilter that counts in another month
                }

                string[] cells =
                [
                    c.Number,
                    ReportFormat.DateTime(c.ReceivedAt, calendar),
                    YesNo(filed),
                    ReportFormat.Label(c.Kind),
                    categories.GroupOf(c.CategoryId).Name,
                    categories.NameOf(c.CategoryId),
                    YesNo(specialised),
                    c.Subject,
                    ReportFormat.Label(c.Channel),
                    ReportFormat.Label(c.Priority),
                    ReportFormat.Label(c.Status),
                    c.Level.ToString(CultureInfo.InvariantCulture),
                    c.AssigneeId is { } a && people.TryGetValue(a, out var name) ? name : "",
                    ReportFormat.DateTime(c.AttendDueAt, calendar),
                    ReportFormat.DateTime(c.FirstActionAt, calendar),
                    Within(attention),
                    YesNo(attentionCounts),
                    c.FirstActionAt is { } f ? ReportFormat.Hours(calendar.BusinessTimeBetween(c.ReceivedAt, f)) : "",
                    resolution is { Waiting: false } due ? ReportFormat.DateTime(due.DueAt, calendar) : "",
                    ReportFormat.DateTime(c.ResolvedAt, calendar),
                    ReportFormat.DateTime(c.RejectedAt, calendar),
                    c.RejectedAt is not null && c.RejectionReason is { } reason ? ReportFormat.Label(reason) : "",
                    c.ResolvedAt is { } r ? ReportFormat.Hours(Positive(calendar.BusinessTimeBetween(c.ReceivedAt, r) - c.PausedBusinessTime)) : "",
                    Within(resolution),
                    YesNo(resolutionCounts && specialised),
                    c.CloseOutcome is { } outcome ? ReportFormat.Label(outcome) : "",
                    ReportFormat.DateTime(c.ClosedAt, calendar),
                    answered ? ReportFormat.DateTime(answer.Last.AnsweredAt, calendar) : "",
                    answered ? answer.Count.ToString(CultureInfo.InvariantCulture) : "",
                    answered ? YesNo(answer.Last.Satisfied) : "",
                    answered ? answer.Last.Rating.ToString(CultureInfo.InvariantCulture) : "",
                    answered ? answer.Last.Timeliness.ToString(CultureInfo.InvariantCulture) : "",
                    answered ? answer.Last.Courtesy.ToString(CultureInfo.InvariantCulture) : "",
                    c.LegalModality is { } modality ? ReportFormat.Label(modality) : "",
                    ReportFormat.DateTime(c.LegalDueAt, calendar),
                    LegalTermCell(c.LegalDueAt, c.LegalAnsweredAt, legal),
                    YesNo(legalCounts),
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
    /// A cell a spreadsheet would read as a formula (it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, their
    /// full-width forms, a tab or a carriage return) gets a leading single quote, so it is shown as text and never evaluated
    /// (CSV injection). Other cells are returned as they are.
    /// </summary>
    public static string Neutralise(string? cell) =>
        string.IsNullOrEmpty(cell) ? "" : Array.IndexOf(FormulaStarts, cell[0]) >= 0 ? "'" + cell : cell;

    private static TimeSpan Positive(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;

    private static string YesNo(bool value) => value ? "Sí" : "No";

    /// <summary>A clock as the month's figures read it: Sí (timely), No (late), Pendiente, or — without an ANS.</summary>
    private static string Within(ClockCount? clock) => clock?.Outcome switch
    {
        ClockOutcome.Timely => "Sí",
        ClockOutcome.Late => "No",
        ClockOutcome.Pending => "Pendiente",
        _ => "—",
    };

    /// <summary>
    /// A PQRS's legal term (Ley 1755 de 2015, art. 14) as the month's figure reads it: dentro del término, fuera del término
    /// (answered late, or unanswered past its due time), en curso, suspendido (art. 17), or sin término legal.
    /// </summary>
    private static string LegalTermCell(DateTimeOffset? due, DateTimeOffset? answeredAt, ClockCount? term) =>
        due is null ? "sin término legal"
        : term?.Outcome switch
        {
            ClockOutcome.Timely => "dentro del término",
            ClockOutcome.Late => "fuera del término",
            ClockOutcome.Pending => "en curso",
            _ => answeredAt is null ? "suspendido (art. 17)" : "—",
        };

    private sealed record Answer(Guid CaseId, DateTimeOffset AnsweredAt, bool Satisfied, int Rating, int Timeliness, int Courtesy);
}
