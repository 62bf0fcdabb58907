using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Priority;

public sealed record SetPriorityCellCommand(Impact Impact, Urgency Urgency, CasePriority Priority);

/// <summary>
/// Changes one cell of the impact × urgency matrix (coordinator only), audited. New cases get their priority from the
/// changed matrix; existing cases keep the priority they were filed with.
/// </summary>
public sealed class SetPriorityCell(ConfigurationChangeRunner runner)
{
    public Task<bool> HandleAsync(SetPriorityCellCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            if (!Enum.IsDefined(command.Impact) || !Enum.IsDefined(command.Urgency) || !Enum.IsDefined(command.Priority))
            {
                throw new DomainException(DomainRules.ConfigPriorityInvalid);
            }

            var cell = await db.PriorityMatrix.SingleOrDefaultAsync(c => c.Impact == command.Impact && c.Urgency == command.Urgency, ct)
                .ConfigureAwait(false);
            var before = cell?.Priority;
            if (before == command.Priority)
            {
                return null;
            }

            if (cell is null)
            {
                db.PriorityMatrix.Add(new PriorityMatrixCell(command.Impact, command.Urgency, command.Priority));
            }
            else
            {
                cell.Change(command.Priority);
            }

            object Of(CasePriority? p) => new
            {
                impact = command.Impact.ToString(),
                urgency = command.Urgency.ToString(),
                priority = p?.ToString(),
                label = p is { } v ? DomainMessages.Get("Priority." + v) : null,
            };
            return new ConfigurationEdit(
                ConfigurationAreas.PriorityMatrix, $"Impacto {ImpactName(command.Impact)} × urgencia {UrgencyName(command.Urgency)}",
                before is null ? null : AuditJson.Of(Of(before)), AuditJson.Of(Of(command.Priority)));
        }, cancellationToken);
    }

    /// <summary>"alto", "medio", "bajo".</summary>
    public static string ImpactName(Impact impact) => impact switch
    {
        Impact.High => "alto",
        Impact.Medium => "medio",
        _ => "bajo",
    };

    /// <summary>"alta", "media", "baja".</summary>
    public static string UrgencyName(Urgency urgency) => urgency switch
    {
        Urgency.High => "alta",
        Urgency.Medium => "media",
        _ => "baja",
    };
}
