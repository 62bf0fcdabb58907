using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Security;

/// <summary>
/// Applies <see cref="CaseAccess"/> to a case loaded by a use case: refuses with the same
/// <see cref="NotFoundException"/> as a missing case when it is out of reach, with
/// <see cref="ForbiddenException"/> when it may only be seen, and writes the refusal to the security log.
/// </summary>
public sealed class CaseGuard(ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(SecurityLog.Category);

    /// <summary>The "not found" every unreachable or missing case answers with.</summary>
    public static NotFoundException CaseNotFound(string number) => new(DomainMessages.Get("Case.Label", number));

    public async Task<AccessScope> DemandAsync(MesaDbContext db, CurrentUser user, Case c, CaseOperationKind operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(user);
        var scope = await AccessScopes.LoadAsync(db, user, cancellationToken).ConfigureAwait(false);
        var facts = await FactsAsync(db, c.RequesterId, c.FiledById, c.AssigneeId, c.AssignedGroupId, c.CategoryId, cancellationToken).ConfigureAwait(false);
        Demand(user, scope, facts, c.Number, operation);
        return scope;
    }

    public void Demand(CurrentUser user, AccessScope scope, CaseAccessFacts facts, string number, CaseOperationKind operation)
    {
        ArgumentNullException.ThrowIfNull(user);
        var decision = CaseAccess.Decide(user, scope, facts, operation);
        if (decision == AccessDecision.Allowed)
        {
            return;
        }

        SecurityLog.CaseOperationRefused(_log, operation.ToString(), number, user.LogId, decision);
        throw decision == AccessDecision.NotFound
            ? CaseNotFound(number)
            : new ForbiddenException(DomainMessages.Get("Permission." + operation));
    }

    /// <summary>Refuses a global operation (board, reports, configuration, intake, filing).</summary>
    public void Demand(CurrentUser user, GlobalOperation operation)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!CaseAccess.Can(user, operation))
        {
            SecurityLog.OperationRefused(_log, operation.ToString(), user.LogId);
            throw new ForbiddenException(DomainMessages.Get("Permission." + operation));
        }
    }

    public static async Task<CaseAccessFacts> FactsAsync(
        MesaDbContext db, Guid requesterId, Guid? filedById, Guid? assigneeId, int? groupId, int categoryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var path = await Catalog.CategoryPath.LoadAsync(db, categoryId, cancellationToken).ConfigureAwait(false);
        return new CaseAccessFacts(requesterId, filedById, assigneeId, groupId, path.Select(p => p.Id).ToList());
    }
}
