using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Sla;

/// <summary>
/// Which open cases to recompute: those of a category (and its sub-categories), of a priority, both, or (neither)
/// every open case; and why (mandatory).
/// </summary>
public sealed record RecomputeCaseSlaCommand(int? CategoryId, CasePriority? Priority, string Reason);

/// <summary>What a recompute did.</summary>
public sealed record SlaRecomputeResult(int Count, IReadOnlyList<string> Numbers);

/// <summary>
/// Recomputes the ANS due instants of chosen open cases under the policy and calendar in force now, from each case's
/// reception (coordinator only; the reason is mandatory). One transaction: every case gets a history line (before →
/// after, with the reason) and the configuration audit gets one row with the filter, the count and the reason.
/// </summary>
public sealed class RecomputeCaseSla(
    IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, TimeProvider time, CaseGuard guard)
{
    /// <summary>How many open cases the filter matches now (to show before confirming).</summary>
    public async Task<int> CountAsync(int? categoryId, CasePriority? priority, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        guard.Demand(user, GlobalOperation.Configuration);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var categories = await CategoriesAsync(db, cancellationToken).ConfigureAwait(false);
        return await Matching(db, categories, categoryId, priority).CountAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<SlaRecomputeResult> HandleAsync(RecomputeCaseSlaCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        guard.Demand(user, GlobalOperation.Configuration);
        var reason = command.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw new DomainException(DomainRules.ConfigRecomputeReasonRequired);
        }

        if (reason.Length > Case.TextMaxLength)
        {
            throw new DomainException(DomainRules.TextTooLong, Case.TextMaxLength);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var categories = await CategoriesAsync(db, cancellationToken).ConfigureAwait(false);
        if (command.CategoryId is { } id && !categories.ContainsKey(id))
        {
            throw new NotFoundException(DomainMessages.Get("Category.Label"));
        }

        var cases = await Matching(db, categories, command.CategoryId, command.Priority).OrderBy(c => c.ReceivedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (cases.Count == 0)
        {
            throw new DomainException(DomainRules.ConfigRecomputeNoCases);
        }

        var policies = await db.SlaPolicies.AsNoTracking().Where(p => p.IsActive).ToListAsync(cancellationToken).ConfigureAwait(false);
        var context = new CaseContext(user.Actor, time.GetUtcNow(), calendars.Current);
        foreach (var c in cases)
        {
            var policy = SlaPolicy.Select(policies, PathOf(categories, c.CategoryId), c.Kind, c.Priority);
            c.RecomputeSla(policy, reason, context);
        }

        var subject = (command.CategoryId is { } categoryId ? $"Casos abiertos de «{categories[categoryId].Name}»" : "Todos los casos abiertos")
            + (command.Priority is { } p ? $" · prioridad {DomainMessages.Get("Priority." + p)}" : "");
        db.ConfigurationChanges.Add(new ConfigurationChange(
            context.Now, user.PersonId, ConfigurationAreas.SlaRecompute, subject, null,
            AuditJson.Of(new { categoryId = command.CategoryId, priority = command.Priority?.ToString(), count = cases.Count }),
            reason));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new DomainException(DomainRules.ConfigRecomputeConflict, ex);
        }

        return new SlaRecomputeResult(cases.Count, cases.Select(c => c.Number).ToList());
    }

    private static IQueryable<Case> Matching(
        MesaDbContext db, IReadOnlyDictionary<int, CategoryRow> categories, int? categoryId, CasePriority? priority)
    {
        var query = db.Cases.Where(c => Case.OpenStatuses.Contains(c.Status));
        if (categoryId is { } id)
        {
            var ids = WithDescendants(categories, id);
            query = query.Where(c => ids.Contains(c.CategoryId));
        }

        if (priority is { } p)
        {
            query = query.Where(c => c.Priority == p);
        }

        return query;
    }

    private static async Task<Dictionary<int, CategoryRow>> CategoriesAsync(MesaDbContext db, CancellationToken cancellationToken) =>
        await db.Categories.AsNoTracking().Select(c => new CategoryRow(c.Id, c.ParentId, c.Name))
            .ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);

    private static List<int> WithDescendants(IReadOnlyDictionary<int, CategoryRow> categories, int id)
    {
        var children = categories.Values.ToLookup(c => c.ParentId);
        var result = new List<int>();
        var stack = new Stack<int>([id]);
        while (stack.Count > 0 && result.Count <= categories.Count)
        {
            var next = stack.Pop();
            result.Add(next);
            foreach (var child in children[next])
            {
                stack.Push(child.Id);
            }
        }

        return result;
    }

    /// <summary>The category and its ancestors, nearest first (what <see cref="SlaPolicy.Select"/> inherits from).</summary>
    private static List<int> PathOf(IReadOnlyDictionary<int, CategoryRow> categories, int id)
    {
        var path = new List<int>();
        int? next = id;
        while (next is { } current && categories.TryGetValue(current, out var row) && path.Count < 10)
        {
            path.Add(row.Id);
            next = row.ParentId;
        }

        return path;
    }

    private sealed record CategoryRow(int Id, int? ParentId, string Name);
}
