using System.Globalization;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;

namespace MesaServicio.Core.Reports;

/// <summary>
/// How the report's figures read in Spanish (es-CO): "87,5 %", "1.234", "lunes 3 de noviembre de 2026",
/// "03/11/2026 14:05", "3 h 05 min". The screen, the PDF and the CSV share these.
/// </summary>
public static class ReportFormat
{
    /// <summary>Shown where a figure has no data (e.g. a percentage of zero cases).</summary>
    public const string NoData = "—";

    private static readonly string[] MonthAbbreviations =
        ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"];

    public static CultureInfo Culture => DomainMessages.Culture;

    /// <summary>A percentage with one decimal, e.g. <c>87,5 %</c>; <see cref="NoData"/> when null.</summary>
    public static string Percent(double? percent) =>
        percent is { } p ? p.ToString("0.0", Culture) + " %" : NoData;

    /// <summary>A mean score of the survey with one decimal, e.g. <c>4,3</c>; <see cref="NoData"/> when null.</summary>
    public static string Score(double? score) =>
        score is { } v ? v.ToString("0.0", Culture) : NoData;

    /// <summary>A target, e.g. <c>90 %</c> or <c>92,5 %</c>.</summary>
    public static string Target(decimal target) => target.ToString("0.#", Culture) + " %";

    /// <summary>The traffic light in words.</summary>
    public static string Label(TrafficLight light) => light switch
    {
        TrafficLight.Green => "Cumple la meta",
        TrafficLight.Amber => "Por debajo de la meta",
        TrafficLight.Red => "Lejos de la meta",
        _ => "Sin casos medidos",
    };

    /// <summary>A count with thousands separators, e.g. <c>12.345</c>.</summary>
    /// <summary>e.g. <c>30/11/2026</c>.</summary>
    public static string ShortDate(DateOnly day) => day.ToString("dd/MM/yyyy", Culture);

    public static string Count(int value) => value.ToString("N0", Culture);

    /// <summary>e.g. <c>lunes 3 de noviembre de 2026</c>.</summary>
    public static string LongDate(DateOnly day) => day.ToString("dddd d 'de' MMMM 'de' yyyy", Culture);

    /// <summary>The local day of an instant, e.g. <c>lunes 3 de noviembre de 2026</c>.</summary>
    public static string LongDate(DateTimeOffset instant, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return LongDate(DateOnly.FromDateTime(calendar.ToLocal(instant).DateTime));
    }

    /// <summary>e.g. <c>martes 1 de diciembre de 2026 a las 08:05</c>.</summary>
    public static string LongDateTime(DateTimeOffset instant, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return LongDate(instant, calendar) + " a las " + calendar.ToLocal(instant).ToString("HH:mm", Culture);
    }

    /// <summary>Local date and time for tables and the CSV, e.g. <c>03/11/2026 14:05</c>.</summary>
    public static string DateTime(DateTimeOffset instant, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.ToLocal(instant).ToString("dd/MM/yyyy HH:mm", Culture);
    }

    /// <summary>As <see cref="DateTime(DateTimeOffset, BusinessCalendar)"/>, empty when null.</summary>
    public static string DateTime(DateTimeOffset? instant, BusinessCalendar calendar) =>
        instant is { } i ? DateTime(i, calendar) : "";

    /// <summary>e.g. <c>noviembre de 2026</c>.</summary>
    public static string MonthName(YearMonth month) => month.FirstDay.ToString("MMMM 'de' yyyy", Culture);

    /// <summary>e.g. <c>Noviembre de 2026</c> (at the start of a title).</summary>
    public static string MonthTitle(YearMonth month)
    {
        var name = MonthName(month);
        return char.ToUpper(name[0], Culture) + name[1..];
    }

    /// <summary>e.g. <c>nov 2026</c>, for chart axes.</summary>
    public static string ShortMonth(YearMonth month) =>
        MonthAbbreviations[month.Month - 1] + " " + month.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>Business time, e.g. <c>3 h 05 min</c>, <c>45 min</c>; rounded to the minute; <see cref="NoData"/> when null.</summary>
    public static string BusinessDuration(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return NoData;
        }

        var minutes = (long)Math.Round(d.TotalMinutes, MidpointRounding.AwayFromZero);
        var hours = minutes / 60;
        return hours == 0
            ? string.Create(Culture, $"{minutes} min")
            : string.Create(Culture, $"{hours:N0} h {minutes % 60:00} min");
    }

    /// <summary>Business hours with two decimals, for analysis in a spreadsheet (CSV), e.g. <c>2,50</c>.</summary>
    public static string Hours(TimeSpan duration) => duration.TotalHours.ToString("0.00", Culture);

    public static string Label(CaseKind kind) => DomainMessages.Get("Kind." + kind);

    public static string Label(CasePriority priority) => DomainMessages.Get("Priority." + priority);

    public static string Label(CaseChannel channel) => DomainMessages.Get("Channel." + channel);

    public static string Label(CaseStatus status) => DomainMessages.Get("Status." + status);

    public static string Label(RejectionReason reason) => reason switch
    {
        RejectionReason.InsufficientInformation => "Información insuficiente",
        RejectionReason.OutOfScope => "Fuera del alcance de la mesa",
        RejectionReason.Duplicate => "Duplicado",
        _ => reason.ToString(),
    };

    public static string Label(CloseOutcome outcome) => outcome switch
    {
        CloseOutcome.Satisfied => "Satisfecho",
        CloseOutcome.NoAnswer => "Cerrado sin respuesta",
        CloseOutcome.NewCaseRequired => "Requiere un caso nuevo",
        CloseOutcome.NoFurtherSolution => "Sin solución adicional",
        _ => outcome.ToString(),
    };

    public static string Label(EscalationPath path) => path switch
    {
        EscalationPath.Level1To2 => "Nivel 1 → nivel 2",
        EscalationPath.Level2To3 => "Nivel 2 → nivel 3",
        EscalationPath.OtherCategoryLead => "A líder técnico de otra categoría",
        _ => path.ToString(),
    };

    public static string Label(ReportDimension dimension) => dimension switch
    {
        ReportDimension.Kind => "Tipo",
        ReportDimension.CategoryGroup => "Grupo de categorías",
        ReportDimension.Category => "Categoría",
        ReportDimension.Channel => "Canal",
        ReportDimension.Priority => "Prioridad",
        ReportDimension.Level => "Nivel",
        ReportDimension.Technician => "Técnico",
        ReportDimension.TechnicianGroup => "Grupo de técnicos",
        _ => dimension.ToString(),
    };

    /// <summary>A PQRS modality (Ley 1755 de 2015, art. 14), e.g. <c>Petición</c>.</summary>
    public static string Label(PqrsModality modality) => modality switch
    {
        PqrsModality.Peticion => "Petición",
        PqrsModality.Documentos => "Documentos e información",
        PqrsModality.Consulta => "Consulta",
        PqrsModality.DatosConsulta => "Consulta de datos personales",
        PqrsModality.DatosReclamo => "Reclamo de datos personales",
        _ => modality.ToString(),
    };

    /// <summary>A PQRS modality in one word, for narrow table cells, e.g. <c>Documentos</c>.</summary>
    public static string ShortLabel(PqrsModality modality) => modality switch
    {
        PqrsModality.Documentos => "Documentos",
        PqrsModality.DatosConsulta => "Consulta de datos",
        PqrsModality.DatosReclamo => "Reclamo de datos",
        _ => Label(modality),
    };

    public static string LevelLabel(int level) => "Nivel " + level.ToString(CultureInfo.InvariantCulture);
}
