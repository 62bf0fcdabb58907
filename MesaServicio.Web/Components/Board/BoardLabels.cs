using System.Globalization;
using MesaServicio.Core.Board;
using MesaServicio.Core.Common;
using MesaServicio.Core.Sla;

namespace MesaServicio.Web.Components.Board;

/// <summary>The board's Spanish words: columns, moves, refusals and the ANS chip.</summary>
public static class BoardLabels
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("es-CO");

    public static string Column(BoardColumn column) => column switch
    {
        BoardColumn.NewOrAssigned => "Nuevo / Asignado",
        BoardColumn.InProgress => "En atención",
        BoardColumn.WaitingOnRequester => "En espera del usuario",
        BoardColumn.Escalated => "Escalado",
        BoardColumn.ResolvedInSurvey => "Resuelto — en encuesta",
        _ => column.ToString(),
    };

    /// <summary>
    /// A move as the "Mover a…" menu and the choice dialog name it: the action, in the agent's words. An ellipsis
    /// means a dialog asks for more (a text, a reason, a new assignee) before anything happens.
    /// </summary>
    public static string Move(BoardMove move) => move switch
    {
        BoardMove.Analyse => "Iniciar el análisis",
        BoardMove.Attend => "Atender el caso",
        BoardMove.Resume => "Reanudar la atención",
        BoardMove.WaitOnRequester => "Pedir información al usuario…",
        BoardMove.Escalate => "Escalar el caso…",
        BoardMove.Resolve => "Registrar la solución…",
        BoardMove.Reject => "Rechazar el caso…",
        _ => move.ToString(),
    };

    /// <summary>Where the card goes after the move, said apart from the action: "Pasa a «En atención»", "Sigue en «Nuevo / Asignado»".</summary>
    public static string MoveTarget(BoardMove move, BoardColumn from)
    {
        var target = BoardMoves.TargetOf(move);
        return target == from ? $"Sigue en «{Column(target)}»" : $"Pasa a «{Column(target)}»";
    }

    /// <summary>What a successful move did, for the confirmation.</summary>
    /// <summary>What the person is told when a live change gives them a case.</summary>
    public static string GivenTo(MesaServicio.Core.Live.CardChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Kind == BoardChangeKind.Escalated
            ? $"Se le escaló el caso {change.Number}."
            : $"Se le asignó el caso {change.Number}.";
    }

    /// <summary>A column's count as its heading shows it ("12", or "50+" when the "at risk" filter has not read it all).</summary>
    public static string Count(LiveColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Exact ? column.Total.ToString("N0", Culture) : column.Total.ToString("N0", Culture) + "+";
    }

    /// <summary>The word after a column's count, for screen readers: " caso" for exactly one, " casos" otherwise ("50+ casos").</summary>
    public static string CountWord(LiveColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Exact && column.Total == 1 ? " caso" : " casos";
    }

    /// <summary>The board's total as its heading says it: "1 caso", "1.234 casos".</summary>
    public static string Cases(int total) => total == 1 ? "1 caso" : total.ToString("N0", Culture) + " casos";

    public static string Done(BoardMove move, string number) => move switch
    {
        BoardMove.Analyse => $"El caso {number} está en análisis.",
        BoardMove.Attend => $"El caso {number} está en atención.",
        BoardMove.Resume => $"Se reanudó la atención del caso {number}.",
        BoardMove.WaitOnRequester => $"El caso {number} espera la respuesta del usuario.",
        BoardMove.Escalate => $"Se escaló el caso {number}.",
        BoardMove.Resolve => $"Se resolvió el caso {number}; el usuario recibirá la encuesta.",
        BoardMove.Reject => $"Se rechazó el caso {number}; el usuario recibirá la encuesta.",
        _ => number,
    };

    /// <summary>Why a drop was refused (the card stays where it was).</summary>
    public static string Refusal(BoardCard card, BoardColumn target, BoardDrop drop)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(drop);
        var reason = drop.Meant.Count == 0
            ? $"Un caso no puede volver a «{Column(target)}»."
            : DomainMessages.Get(DomainRules.TransitionNotAllowed,
                DomainMessages.Get("Operation." + BoardMoves.OperationOf(drop.Meant[0])), Labels.Status(card.Status));
        return $"{reason} El caso {card.Number} sigue en «{Column(card.Column)}».";
    }

    public static string Conflict(string number) =>
        $"El caso {number} cambió mientras usted lo movía: el tablero se actualizó con su estado actual. Revíselo e intente de nuevo.";

    /// <summary>Which clock the chip reads, for screen readers and the tooltip.</summary>
    public static string SlaPhase(BoardSlaReading reading) => reading.Phase switch
    {
        BoardSlaPhase.Attention => "ANS de atención: ",
        BoardSlaPhase.Resolution => "ANS de solución: ",
        _ => "",
    };

    /// <summary>The ANS chip's text: time left in business time, "En riesgo", "Vencido", "Pausado".</summary>
    public static string Sla(BoardSlaReading reading)
    {
        var r = reading.Reading;
        if (reading.Phase == BoardSlaPhase.None || r.State == SlaState.None)
        {
            return "Sin ANS";
        }

        if (r.Completed)
        {
            return r.State == SlaState.Met ? "Cumplido" : "Vencido";
        }

        if (r.Paused)
        {
            return "Pausado";
        }

        return r.State switch
        {
            SlaState.Breached => "Vencido",
            SlaState.AtRisk => $"En riesgo · {Duration(r.Remaining)}",
            _ => $"Quedan {Duration(r.Remaining)}",
        };
    }

    /// <summary>The chip's CSS modifier.</summary>
    public static string SlaClass(BoardSlaReading reading)
    {
        var r = reading.Reading;
        return r.State switch
        {
            SlaState.None => "sla-none",
            _ when r.Paused => "sla-paused",
            SlaState.Breached => "sla-breached",
            SlaState.AtRisk => "sla-atrisk",
            SlaState.Met => "sla-met",
            _ => "sla-ontrack",
        };
    }

    /// <summary>Business time as "3 h 05 min" (or "45 min").</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var hours = (int)span.TotalHours;
        return hours == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{hours} h {span.Minutes:00} min");
    }
}
