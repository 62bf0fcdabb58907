using System.Globalization;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;

namespace MesaServicio.Web;

/// <summary>Spanish (es-CO) words and formats for what the domain holds, from Core's resources.</summary>
public static class Labels
{
    private static readonly TimeZoneInfo Bogota = TimeZoneInfo.FindSystemTimeZoneById("America/Bogota");

    public static CultureInfo Culture => DomainMessages.Culture;

    public static string Status(CaseStatus status) => DomainMessages.Get("Status." + status);

    public static string Priority(CasePriority priority) => DomainMessages.Get("Priority." + priority);

    public static string Kind(CaseKind kind) => DomainMessages.Get("Kind." + kind);

    public static string Channel(CaseChannel channel) => DomainMessages.Get("Channel." + channel);

    public static string Rejection(RejectionReason reason) => reason switch
    {
        RejectionReason.InsufficientInformation => "Información insuficiente o incompleta",
        RejectionReason.OutOfScope => "Fuera del alcance del servicio",
        _ => "Duplicado",
    };

    public static string AnsState(MesaServicio.Core.Sla.SlaState state) => state switch
    {
        MesaServicio.Core.Sla.SlaState.OnTrack => "A tiempo",
        MesaServicio.Core.Sla.SlaState.AtRisk => "En riesgo",
        MesaServicio.Core.Sla.SlaState.Breached => "Vencido",
        MesaServicio.Core.Sla.SlaState.Met => "Cumplido",
        _ => "Sin ANS",
    };

    /// <summary>"2,5 MB", "830 KB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / 1024d / 1024d).ToString("0.#", Culture) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0", Culture) + " KB",
        _ => bytes.ToString(Culture) + " B",
    };

    /// <summary>An ANS reading in words: "quedan 3 h 20 min", "en riesgo: quedan 40 min", "vencido hace 2 h", "pausado", "cumplido".</summary>
    public static string Ans(MesaServicio.Core.Sla.SlaReading reading) => reading switch
    {
        { State: MesaServicio.Core.Sla.SlaState.Met } => "cumplido",
        { Completed: true } => "incumplido",
        { Paused: true } => "pausado, quedan " + Duration(reading.Remaining),
        { State: MesaServicio.Core.Sla.SlaState.Breached } => "vencido hace " + Duration(-reading.Remaining),
        { State: MesaServicio.Core.Sla.SlaState.AtRisk } => "en riesgo, quedan " + Duration(reading.Remaining),
        _ => "quedan " + Duration(reading.Remaining),
    };

    /// <summary>Business time in plain hours and minutes: "11 h 05 min", "40 min".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var hours = (int)span.TotalHours;
        return hours > 0 ? $"{hours} h {span.Minutes:00} min" : $"{span.Minutes} min";
    }

    /// <summary>"26/11/2026 3:05 p. m." in Bogotá time.</summary>
    public static string DateTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Bogota).ToString("dd/MM/yyyy h:mm tt", Culture);

    /// <summary>What a bare action does not say: how the case closed, which ANS clock an alert is about.</summary>
    private static string Qualifier(CaseHistoryLine line) => line.Action switch
    {
        CaseAction.Closed when Enum.TryParse<CloseOutcome>(line.Value, out var outcome) => " — " + outcome switch
        {
            CloseOutcome.Satisfied => "el usuario solicitante quedó satisfecho",
            CloseOutcome.NoAnswer => "sin respuesta a la encuesta",
            CloseOutcome.NewCaseRequired => "se pidió registrar un caso nuevo",
            CloseOutcome.NoFurtherSolution => "no hay otra solución",
            _ => "",
        },
        CaseAction.SlaAtRisk or CaseAction.SlaBreached when Enum.TryParse<Core.Sla.SlaTargetKind>(line.Value, out var target) =>
            " — ANS de " + Core.Notifications.NoticeComposer.TargetName(target),
        _ => "",
    };

    /// <summary>
    /// A PQRS legal term's line says what happened to the term first, with its due times:
    /// "Término legal prorrogado (Ley 1755 de 2015, art. 14, parágrafo): vencía el 22/04/2026 5:00 p. m., ahora vence el … — Ana Gómez."
    /// </summary>
    private static string? LegalTermLine(CaseHistoryLine line)
    {
        if (line.Action is not (CaseAction.LegalTermSuspended or CaseAction.LegalTermRestarted or CaseAction.LegalTermExtended
            or CaseAction.LegalTermAtRisk or CaseAction.LegalTermBreached))
        {
            return null;
        }

        var due = LegalDue(line.Value);
        var before = LegalDue(line.PreviousValue);
        var times = line.Action switch
        {
            CaseAction.LegalTermRestarted or CaseAction.LegalTermExtended when before is not null && due is not null =>
                $": vencía el {before}, ahora vence el {due}",
            CaseAction.LegalTermAtRisk when due is not null => $"; vence el {due}",
            CaseAction.LegalTermBreached when due is not null => $"; venció el {due}",
            _ => "",
        };
        var what = DomainMessages.Get("History." + line.Action);
        var who = line.ActorName is { } name ? " — " + name : "";
        var text = char.ToUpper(what[0], Culture) + what[1..] + times + who;
        return text.EndsWith('.') ? text : text + ".";
    }

    /// <summary>A stored due instant ("2026-04-22T22:00:00Z") in Bogotá time, or null.</summary>
    private static string? LegalDue(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? DateTime(at) : null;

    /// <summary>The label above a desk message of the conversation that is more than a comment.</summary>
    public static string? MessageKind(CaseMessageKind kind) => kind == CaseMessageKind.Comment ? null : DomainMessages.Get("Message.Kind." + kind);

    public static string HistoryLine(CaseHistoryLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (LegalTermLine(line) is { } legal)
        {
            return legal;
        }

        var who = line.ActorName ?? "La mesa de servicio";
        var what = DomainMessages.Get("History." + line.Action);
        var to = line.ToStatus is { } s && line.FromStatus != s ? $" (ahora: {Status(s)})" : "";
        return $"{who} {what}{Qualifier(line)}{to}.";
    }
}
