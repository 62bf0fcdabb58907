using MesaServicio.Core.Board;

namespace MesaServicio.Web.Realtime;

/// <summary>
/// What a board connection receives when a case changes: minimal on purpose (no case text, no names). The browser
/// re-reads its board; the toast is shown only to the agent the case now belongs to.
/// </summary>
/// <param name="Id">One id per change, so a connection in several of the addressed groups acts on it once.</param>
/// <param name="Number">The case's number.</param>
/// <param name="Change">"registrado", "estado", "asignado" or "escalado".</param>
/// <param name="AssigneeId">The case's assignee after the change.</param>
/// <param name="Toast">A short Spanish text for the assignee.</param>
public sealed record BoardChangeMessage(string Id, string Number, string Change, Guid? AssigneeId, string Toast)
{
    public const string Registered = "registrado";
    public const string StatusChanged = "estado";
    public const string Assigned = "asignado";
    public const string Escalated = "escalado";

    /// <summary>Whether the change gives the case to <paramref name="personId"/> (they get a toast).</summary>
    public bool ConcernsAssignee(Guid? personId) =>
        personId is not null && AssigneeId == personId && Change is Assigned or Escalated;

    public static BoardChangeMessage From(BoardChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (code, toast) = change.Kind switch
        {
            BoardChangeKind.Escalated => (Escalated, $"Se le escaló el caso {change.Number}."),
            BoardChangeKind.Assigned => (Assigned, $"Se le asignó el caso {change.Number}."),
            BoardChangeKind.StatusChanged => (StatusChanged, $"El caso {change.Number} cambió de estado."),
            _ => (Registered, $"Se registró el caso {change.Number}."),
        };
        return new BoardChangeMessage(Guid.NewGuid().ToString("N"), change.Number, code, change.AssigneeId, toast);
    }
}
