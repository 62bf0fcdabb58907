using MesaServicio.Core.Sla;

namespace MesaServicio.Web.Components.Cases;

/// <summary>The PQRS legal term's words (Ley 1755 de 2015, art. 14), for its chip on the case page and the board card.</summary>
public static class LegalTermLabels
{
    public static string Modality(PqrsModality modality) => modality switch
    {
        PqrsModality.Documentos => "Documentos o información",
        PqrsModality.Consulta => "Consulta",
        PqrsModality.DatosConsulta => "Consulta de datos personales",
        PqrsModality.DatosReclamo => "Reclamo de datos personales",
        _ => "Petición",
    };

    /// <summary>The chip's short text: "Término legal: vence 22 abr.", "vencido 22 abr.", "suspendido", "respondido a tiempo".</summary>
    public static string Short(LegalTermReading reading, DateTimeOffset localDue) => "Término legal: " + reading.State switch
    {
        LegalTermState.Met => "respondido a tiempo",
        LegalTermState.Suspended => "suspendido",
        LegalTermState.Breached when reading.AnsweredAt is not null => "respondido tarde",
        LegalTermState.Breached => "vencido " + Day(localDue),
        LegalTermState.AtRisk => "en riesgo, vence " + Day(localDue),
        _ => "vence " + Day(localDue),
    };

    /// <summary>The state in words, for the accessible label.</summary>
    public static string State(LegalTermReading reading) => reading.State switch
    {
        LegalTermState.OnTrack => "en término",
        LegalTermState.AtRisk => "en riesgo (75 % o más del término usado)",
        LegalTermState.Breached when reading.AnsweredAt is not null => "respondido fuera del término",
        LegalTermState.Breached => "vencido sin respuesta",
        LegalTermState.Met => "respondido a tiempo",
        LegalTermState.Suspended => "suspendido: se pidió completar la petición (art. 17)",
        _ => "",
    };

    /// <summary>
    /// The full reading for screen readers and the tooltip: "Término legal de la PQRS (Petición, 15 días hábiles): vence el
    /// miércoles 22 de abril de 2026 a las 5:00 p. m.; en término."
    /// </summary>
    public static string Full(LegalTermReading reading, DateTimeOffset localDue)
    {
        var extended = reading.Extended ? $", prorrogado de {reading.InitialDays}" : "";
        var verb = reading.State == LegalTermState.Breached && reading.AnsweredAt is null ? "venció" : "vence";
        var when = reading.State == LegalTermState.Suspended
            ? "el vencimiento se recalcula cuando el usuario responda"
            : $"{verb} el {localDue.ToString("dddd d 'de' MMMM 'de' yyyy 'a las' h:mm tt", Labels.Culture)}";
        return $"Término legal de la PQRS ({Modality(reading.Modality)}, {reading.Days} días hábiles{extended}): {when}; {State(reading)}.";
    }

    /// <summary>The chip's colour class, the same scale as the ANS chip's.</summary>
    public static string CssClass(LegalTermReading reading) => reading.State switch
    {
        LegalTermState.AtRisk => "legal-atrisk",
        LegalTermState.Breached => "legal-breached",
        LegalTermState.Met => "legal-met",
        LegalTermState.Suspended => "legal-suspended",
        _ => "legal-ontrack",
    };

    private static string Day(DateTimeOffset localDue) => localDue.ToString("d MMM", Labels.Culture);
}
