using MesaServicio.Core.Common;
using MesaServicio.Core.Improvement;

namespace MesaServicio.Core.Reports;

/// <summary>An improvement action as the month's report lists it, in words (a frozen month keeps them as they were).</summary>
/// <param name="Number">e.g. <c>AM-2026-0003</c>.</param>
/// <param name="Title">What is to be done.</param>
/// <param name="Origin">Novedad, puntaje bajo or revisión del mes.</param>
/// <param name="Status">Abierta, en curso, cumplida or descartada.</param>
/// <param name="Responsible">Who carries it out.</param>
/// <param name="DueOn">Its due date.</param>
/// <param name="Overdue">Past its due date and not finished, judged at the month's end (or today for the month in course).</param>
/// <param name="ClosedAt">When it was finished or discarded.</param>
/// <param name="Cases">The cases it came from.</param>
public sealed record ReportImprovementAction(
    string Number, string Title, string Origin, string Status, string Responsible, DateOnly DueOn, bool Overdue, DateTimeOffset? ClosedAt,
    IReadOnlyList<string> Cases);

/// <summary>The month's improvement actions (procedure activity 6): opened, due and done in it; one may be in several lists.</summary>
public sealed record ReportImprovementActions(
    IReadOnlyList<ReportImprovementAction> Opened, IReadOnlyList<ReportImprovementAction> Due, IReadOnlyList<ReportImprovementAction> Done)
{
    public static ReportImprovementActions None { get; } = new([], [], []);

    public bool IsEmpty => Opened.Count == 0 && Due.Count == 0 && Done.Count == 0;

    public static ReportImprovementActions From(ImprovementActionsOfMonth month)
    {
        ArgumentNullException.ThrowIfNull(month);
        return new(Rows(month.Opened), Rows(month.Due), Rows(month.Done));
    }

    private static List<ReportImprovementAction> Rows(IEnumerable<ImprovementActionRow> rows) => rows.Select(r => new ReportImprovementAction(
        r.Number, r.Title, DomainMessages.Get("Improvement.Origin." + r.Origin), DomainMessages.Get("Improvement.Status." + r.Status),
        r.ResponsibleName, r.DueOn, r.Overdue, r.ClosedAt, r.CaseNumbers)).ToList();
}
