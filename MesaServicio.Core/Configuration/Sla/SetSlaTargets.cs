using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Sla;

/// <summary>
/// One cell of the ANS matrix: for a category (null = the general policy, for every category without its own), a
/// kind and a priority, the time to attend and the time to resolve, each an amount in business hours or business
/// days. Both empty = no ANS (only Peticiones).
/// </summary>
public sealed record SetSlaTargetsCommand(
    int? CategoryId, CaseKind Kind, CasePriority Priority, int? AttendAmount, SlaUnit? AttendUnit, int? ResolveAmount, SlaUnit? ResolveUnit);

/// <summary>
/// Sets an ANS cell (coordinator only), audited. Policies are versions: the one in force is deactivated and a new
/// one added, so every case keeps pointing to the policy it was filed under, with its targets; new cases get the new
/// one; existing cases keep their due instants (decision 0002) unless <see cref="RecomputeCaseSla"/> is run.
/// </summary>
public sealed class SetSlaTargets(ConfigurationChangeRunner runner)
{
    /// <summary>Largest amount of business hours accepted (about a year of office hours).</summary>
    public const int MaxHours = 2000;

    /// <summary>Largest amount of business days accepted.</summary>
    public const int MaxDays = 250;

    public Task<bool> HandleAsync(SetSlaTargetsCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            if (!Enum.IsDefined(command.Kind) || !Enum.IsDefined(command.Priority))
            {
                throw new DomainException(DomainRules.ConfigPriorityInvalid);
            }

            var attend = Target(command.AttendAmount, command.AttendUnit, "atender");
            var resolve = Target(command.ResolveAmount, command.ResolveUnit, "resolver");
            if (command.Kind == CaseKind.Incident && (attend is null || resolve is null))
            {
                throw new DomainException(DomainRules.ConfigSlaIncidentNeedsTargets);
            }

            if (attend is not null && resolve is not null && attend.Unit == resolve.Unit && resolve.Amount < attend.Amount)
            {
                throw new DomainException(DomainRules.ConfigSlaResolveBeforeAttend);
            }

            var subject = await SlaSubjectAsync(db, command.CategoryId, command.Kind, command.Priority, ct).ConfigureAwait(false);
            var current = await db.SlaPolicies
                .Where(p => p.IsActive && p.CategoryId == command.CategoryId && p.Kind == command.Kind && p.Priority == command.Priority)
                .ToListAsync(ct).ConfigureAwait(false);
            if (current.Count == 1 && current[0].Attend == attend && current[0].Resolve == resolve)
            {
                return null;
            }

            var before = current.Count == 0 ? null : AuditJson.Of(Describe(current[0]));
            current.ForEach(p => p.Deactivate());
            var policy = new SlaPolicy(command.CategoryId, command.Kind, command.Priority, attend, resolve);
            db.SlaPolicies.Add(policy);
            return new ConfigurationEdit(ConfigurationAreas.SlaPolicy, subject, before, AuditJson.Of(Describe(policy)));
        }, cancellationToken);
    }

    /// <summary>The cell as the audit shows it.</summary>
    internal static object Describe(SlaPolicy policy) => new
    {
        categoryId = policy.CategoryId,
        kind = policy.Kind.ToString(),
        priority = policy.Priority.ToString(),
        attend = Words(policy.Attend),
        resolve = Words(policy.Resolve),
    };

    /// <summary>"ANS general · Incidencia · Alta", or with the category's name.</summary>
    internal static async Task<string> SlaSubjectAsync(MesaDbContext db, int? categoryId, CaseKind kind, CasePriority priority, CancellationToken cancellationToken)
    {
        var where = "ANS general";
        if (categoryId is { } id)
        {
            var name = await db.Categories.AsNoTracking().Where(c => c.Id == id).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException(DomainMessages.Get("Category.Label"));
            where = $"ANS de «{name}»";
        }

        return $"{where} · {DomainMessages.Get("Kind." + kind)} · {DomainMessages.Get("Priority." + priority)}";
    }

    private static string Words(SlaTarget? target) => target switch
    {
        null => "sin ANS",
        { Unit: SlaUnit.BusinessHours } => $"{target.Amount} h hábiles",
        _ => $"{target.Amount} días hábiles",
    };

    private static SlaTarget? Target(int? amount, SlaUnit? unit, string what)
    {
        if (amount is null)
        {
            return null;
        }

        if (unit is not { } u || !Enum.IsDefined(u))
        {
            throw new DomainException(DomainRules.ConfigSlaUnitRequired, what);
        }

        var max = u == SlaUnit.BusinessHours ? MaxHours : MaxDays;
        if (amount is < 1 || amount > max)
        {
            throw new DomainException(DomainRules.ConfigSlaAmountInvalid, what, max);
        }

        return new SlaTarget(amount.Value, u);
    }
}
