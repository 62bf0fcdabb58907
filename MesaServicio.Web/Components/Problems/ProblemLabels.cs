using MesaServicio.Core.Common;
using MesaServicio.Core.Problems;
using MudBlazor;

namespace MesaServicio.Web.Components.Problems;

/// <summary>How problems read in Spanish on the pages.</summary>
public static class ProblemLabels
{
    /// <summary>"En análisis" (capitalised, for chips and headings).</summary>
    public static string Status(ProblemStatus status)
    {
        var text = DomainMessages.Get("Problem.Status." + status);
        return char.ToUpper(text[0], Labels.Culture) + text[1..];
    }

    public static Color StatusColor(ProblemStatus status) => status switch
    {
        ProblemStatus.Registered => Color.Default,
        ProblemStatus.InAnalysis => Color.Info,
        ProblemStatus.KnownError => Color.Warning,
        ProblemStatus.Resolved => Color.Success,
        _ => Color.Dark,
    };

    public static string Impact(Core.Priority.Impact impact) => impact switch
    {
        Core.Priority.Impact.High => "Alto: toda la entidad o la ciudadanía",
        Core.Priority.Impact.Medium => "Medio: un grupo o una dependencia",
        _ => "Bajo: una persona",
    };

    public static string Urgency(Core.Priority.Urgency urgency) => urgency switch
    {
        Core.Priority.Urgency.High => "Alta: detiene el trabajo o un trámite",
        Core.Priority.Urgency.Medium => "Media: retrasa el trabajo del día",
        _ => "Baja: puede esperar unos días",
    };

    /// <summary>A history line in words.</summary>
    public static string History(ProblemHistoryRow line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Kind switch
        {
            ProblemHistoryKind.Created => "Registró el problema",
            ProblemHistoryKind.StatusChanged => $"Cambió el estado de «{State(line.From)}» a «{State(line.To)}»" + (line.Detail is { } d ? $": {d}" : ""),
            ProblemHistoryKind.RootCauseRecorded => "Registró la causa raíz",
            ProblemHistoryKind.WorkaroundRecorded => "Registró la solución temporal",
            ProblemHistoryKind.SolutionRecorded => "Registró la solución definitiva",
            ProblemHistoryKind.IncidentLinked => $"Vinculó la incidencia {line.To}",
            ProblemHistoryKind.IncidentUnlinked => $"Desvinculó la incidencia {line.From}: {line.Detail}",
            ProblemHistoryKind.Commented => line.Detail switch
            {
                null => "Comentó",
                "1" => "Comentó y adjuntó un archivo",
                var n => $"Comentó y adjuntó {n} archivos",
            },
            ProblemHistoryKind.Edited => "Editó los datos del problema",
            ProblemHistoryKind.ResponsibleChanged => $"Cambió el responsable de {line.From} a {line.To}",
            ProblemHistoryKind.FixApplied => $"Aplicó la {(line.From == "solucion" ? "solución definitiva" : "solución temporal")} a la incidencia {line.To}",
            _ => line.Kind.ToString(),
        };
    }

    private static string State(string? value) =>
        Enum.TryParse<ProblemStatus>(value, out var s) ? DomainMessages.Get("Problem.Status." + s) : value ?? "";
}
