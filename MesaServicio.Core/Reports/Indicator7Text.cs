namespace MesaServicio.Core.Reports;

/// <summary>
/// Indicator 7 in words, for the screen, the PDF and the CSV alike: its name, its definition in one sentence and its
/// formula with the month's figures (PRODUCT.md, docs/decisions/0017-indicator-7.md).
/// </summary>
public static class Indicator7Text
{
    public const string Name = "Indicador 7 — Atención oportuna de incidencias y peticiones nivel especializado";

    public const string Definition =
        "Porcentaje de los casos del nivel especializado (nivel 2 o superior, o de un grupo de categorías marcado como especializado) "
        + "atendidos en el mes cuya solución o rechazo quedó registrado dentro del ANS de solución, sin contar las pausas en espera del usuario. "
        + "Un caso atendido a tiempo cuenta en el mes de su solución; uno vencido, en el mes en que venció su ANS, aunque siga abierto.";

    public const string AttendedPopulation =
        "Casos atendidos en el mes: solución o rechazo registrado en el mes, más los casos abiertos cuyo ANS venció en el mes.";

    public const string FiledPopulation = "Casos radicados en el mes.";

    public const string AnswersPopulation = "Respuestas a la encuesta dadas en el mes.";

    /// <summary>e.g. <c>Indicador 7 = casos oportunos ÷ casos atendidos × 100 = 8 ÷ 12 × 100 = 66,7 % (meta: 90 %)</c>.</summary>
    public static string Formula(MonthlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var value = report.Indicator7;
        var result = value.Measured == 0
            ? "sin casos atendidos en el mes"
            : $"{ReportFormat.Count(value.Within)} ÷ {ReportFormat.Count(value.Measured)} × 100 = {ReportFormat.Percent(value.Percent)}";
        return $"Indicador 7 = casos oportunos ÷ casos atendidos en el mes × 100 = {result} (meta: {ReportFormat.Target(report.Indicator7Target)}).";
    }
}
