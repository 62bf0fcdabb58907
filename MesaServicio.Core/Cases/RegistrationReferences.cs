using MesaServicio.Core.Catalog;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Routing;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>
/// The configuration a registration reads — the category and its ancestors, the priority matrix, the ANS policies in
/// force, the groups routing chooses from — read inside the registering transaction, so what a registration uses is what the database held when it
/// committed. One registration alone asks for just its rows; a batch of registrations on SQLite
/// (<see cref="RegistrationBatches"/>) reads the small tables once and serves every registration of the batch from
/// them, which is the same answer: the batch holds SQLite's write lock from its first read to its commit.
/// </summary>
internal sealed class RegistrationReferences
{
    private readonly bool _wholeTables;
    private Dictionary<int, Category>? _categories;
    private PriorityMatrix? _matrix;
    private List<SlaPolicy>? _activePolicies;

    private RegistrationReferences(bool wholeTables) => _wholeTables = wholeTables;

    /// <summary>The groups routing read in this transaction and the picks it made.</summary>
    public RoutingLoads Routing { get; } = new();

    /// <summary>For one registration: each read asks for the rows it needs.</summary>
    public static RegistrationReferences ForOne() => new(wholeTables: false);

    /// <summary>For a batch inside one write transaction: each table is read once, on first use.</summary>
    public static RegistrationReferences ForBatch() => new(wholeTables: true);

    public async Task<IReadOnlyList<Category>> PathAsync(MesaDbContext db, int categoryId, CancellationToken cancellationToken)
    {
        if (!_wholeTables)
        {
            return await CategoryPath.LoadAsync(db, categoryId, cancellationToken).ConfigureAwait(false);
        }

        _categories ??= await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);
        return CategoryPath.From(_categories, categoryId);
    }

    public async Task<PriorityMatrix> MatrixAsync(MesaDbContext db, CancellationToken cancellationToken) =>
        _matrix ??= new PriorityMatrix(await db.PriorityMatrix.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false));

    public async Task<SlaPolicy?> PolicyAsync(
        MesaDbContext db, IReadOnlyList<Category> path, CaseKind kind, CasePriority priority, CancellationToken cancellationToken)
    {
        var ids = path.Select(c => c.Id).ToList();
        if (!_wholeTables)
        {
            var policies = await db.SlaPolicies.AsNoTracking()
                .Where(p => p.IsActive && p.Kind == kind && p.Priority == priority)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return SlaPolicy.Select(policies, ids, kind, priority);
        }

        _activePolicies ??= await db.SlaPolicies.AsNoTracking().Where(p => p.IsActive).ToListAsync(cancellationToken).ConfigureAwait(false);
        return SlaPolicy.Select(_activePolicies, ids, kind, priority);
    }
}
