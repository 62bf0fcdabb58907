using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Sla;

/// <summary>Removes a category's own ANS cell, so the category follows its parent's or the general policy again.</summary>
public sealed record ClearSlaPolicyCommand(int CategoryId, CaseKind Kind, CasePriority Priority);

/// <summary>
/// Deactivates a category's own ANS cell (coordinator only), audited; the policy row stays (cases filed under it
/// point to it). The general policy cannot be removed, only changed.
/// </summary>
public sealed class ClearSlaPolicy(ConfigurationChangeRunner runner)
{
    public Task<bool> HandleAsync(ClearSlaPolicyCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            if (command.CategoryId == 0)
            {
                throw new DomainException(DomainRules.ConfigSlaGeneralRequired);
            }

            var subject = await SetSlaTargets.SlaSubjectAsync(db, command.CategoryId, command.Kind, command.Priority, ct).ConfigureAwait(false);
            var current = await db.SlaPolicies
                .Where(p => p.IsActive && p.CategoryId == command.CategoryId && p.Kind == command.Kind && p.Priority == command.Priority)
                .ToListAsync(ct).ConfigureAwait(false);
            if (current.Count == 0)
            {
                return null;
            }

            var before = AuditJson.Of(SetSlaTargets.Describe(current[0]));
            current.ForEach(p => p.Deactivate());
            return new ConfigurationEdit(ConfigurationAreas.SlaPolicy, subject, before, null);
        }, cancellationToken);
    }
}
