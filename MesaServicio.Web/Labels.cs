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

    /// <summary>"26/11/2026 3:05 p. m." in Bogotá time.</summary>
    public static string DateTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Bogota).ToString("dd/MM/yyyy h:mm tt", Culture);

    public static string HistoryLine(CaseHistoryLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var who = line.ActorName ?? "La mesa de servicio";
        var what = DomainMessages.Get("History." + line.Action);
        var to = line.ToStatus is { } s && line.FromStatus != s ? $" (ahora: {Status(s)})" : "";
        return $"{who} {what}{to}.";
    }
}
