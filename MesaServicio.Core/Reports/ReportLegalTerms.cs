using MesaServicio.Core.Sla;

namespace MesaServicio.Core.Reports;

/// <summary>
/// "PQRS respondidas dentro del término legal" (issue #16; Ley 1755 de 2015, art. 14): the PQRS with a legal term
/// attended in the month, by the rule of the month's other compliance figures (<see cref="MonthlyCompliance"/>): one
/// answered within its term counts in the month of its answer; one answered late, or still unanswered past its due
/// time, counts once, in the month its term expired. A term suspended while the requester completes the petition
/// (art. 17) does not count until it runs again; one not yet expired is <see cref="IndicatorValue.Pending"/>.
/// </summary>
/// <param name="Value">Attended (the denominator), answered within the term (the numerator), pending.</param>
/// <param name="Breaches">
/// The PQRS of the month answered after their term or still unanswered past it, in case-number order (at most the
/// report's list limit, the longest delays chosen; the CSV has every case).
/// </param>
public sealed record ReportLegalTerms(IndicatorValue Value, IReadOnlyList<LegalTermBreach> Breaches)
{
    public static ReportLegalTerms None { get; } = new(IndicatorValue.None, []);
}

/// <summary>A PQRS of the month not answered within its legal term.</summary>
/// <param name="Number">The case number.</param>
/// <param name="Subject">The case's subject.</param>
/// <param name="Modality">The petition's modality (it sets the term).</param>
/// <param name="Days">The term in business days, extension included.</param>
/// <param name="FiledAt">Radicación in the PQRS system.</param>
/// <param name="DueAt">Close of business of the term's last day.</param>
/// <param name="AnsweredAt">When the desk answered it; null while unanswered.</param>
/// <param name="BusinessDaysLate">
/// Business days after the due day up to the day of the answer (or of the reading, while unanswered); 0 when the
/// answer came after the close on the due day itself or on a non-business day right after it.
/// </param>
public sealed record LegalTermBreach(
    string Number, string Subject, PqrsModality Modality, int Days, DateTimeOffset FiledAt, DateTimeOffset DueAt, DateTimeOffset? AnsweredAt,
    int BusinessDaysLate);

/// <summary>The legal-term figure in words, for the screen, the PDF and the CSV alike.</summary>
public static class LegalTermText
{
    public const string Title = "PQRS respondidas dentro del término legal";

    public const string Population = "PQRS atendidas en el mes";

    public const string Law = "Ley 1755 de 2015, art. 14";

    public const string Definition =
        "Porcentaje de las PQRS con término legal atendidas en el mes que se respondieron (solución o rechazo) a más tardar al cierre "
        + "del último día hábil de su término (" + Law + ": petición 15 días hábiles, documentos e información 10, consulta 30, "
        + "contados desde el día siguiente a la radicación; con la prórroga informada, si la hubo).";

    public const string PopulationRule =
        Population + ": las respondidas en el mes dentro del término, más las que vencieron en el mes sin respuesta oportuna "
        + "(respondidas tarde o aún sin respuesta), cada una una sola vez. Un término suspendido mientras el usuario completa "
        + "su petición (art. 17) no cuenta hasta que vuelve a correr.";

    /// <summary>Said where a month has no PQRS with a legal term attended in it.</summary>
    public static string Empty(YearMonth month) =>
        "En " + ReportFormat.MonthName(month) + " no se atendió ninguna PQRS con término legal.";

    /// <summary>Said where a frozen month was closed before the figure existed.</summary>
    public const string NotMeasured =
        "Este mes se cerró antes de que el reporte midiera los términos legales de las PQRS; la cifra aparece al volver a cerrar el mes.";

    /// <summary>e.g. <c>PQRS respondidas dentro del término legal = 2 ÷ 5 × 100 = 40,0 %</c>.</summary>
    public static string Formula(ReportLegalTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var value = terms.Value;
        var result = value.Measured == 0
            ? "sin PQRS atendidas en el mes"
            : $"{ReportFormat.Count(value.Within)} ÷ {ReportFormat.Count(value.Measured)} × 100 = {ReportFormat.Percent(value.Percent)}";
        return $"PQRS respondidas dentro del término ÷ {Population} × 100 = {result}.";
    }

    /// <summary>e.g. <c>3</c>, or <c>menos de 1</c> for an answer late by hours of the due day.</summary>
    public static string DaysLate(int days) => days == 0 ? "menos de 1" : ReportFormat.Count(days);
}
