using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Reports;

/// <summary>One choice of "Mis resultados": the person's own cases, or one technician group she belongs to.</summary>
/// <param name="Key">Stable key for the page's selector and address (<c>mios</c>, <c>grupo-12</c>).</param>
/// <param name="Label">What the person reads.</param>
/// <param name="Scope">The report's scope.</param>
public sealed record OwnResultScope(string Key, string Label, ReportScope Scope);

/// <summary>
/// The scopes a technician or lead may read in "Mis resultados" (issue #15): her own cases (assigned to her now) and
/// each active technician group she is a member of. <see cref="Closing.GetMonthResults"/> refuses any other.
/// </summary>
public sealed class ListOwnResultScopes(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard)
{
    public const string OwnKey = "mios";

    public async Task<IReadOnlyList<OwnResultScope>> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        guard.Demand(user, GlobalOperation.OwnResults);
        var me = user.PersonId ?? throw new ForbiddenException(DomainMessages.Get("Permission.OwnResults"));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var groups = await db.TechnicianGroups.AsNoTracking()
            .Where(g => g.IsActive && g.Members.Any(m => m.PersonId == me))
            .OrderBy(g => g.Level).ThenBy(g => g.Name)
            .Select(g => new { g.Id, g.Name })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            new(OwnKey, DomainMessages.Get("Results.Scope.Own"), new ReportScope(me, null)),
            .. groups.Select(g => new OwnResultScope(
                "grupo-" + g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DomainMessages.Get("Results.Scope.Group", g.Name), new ReportScope(null, g.Id))),
        ];
    }
}
