using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace MesaServicio.Core.Persistence;

/// <summary>
/// Saves a context whose changes are only new rows of plain tables — a batch of new cases and their history — with one
/// INSERT per table, prepared once and run again for every row on the same connection, instead of SaveChanges, which
/// builds a command with fresh parameters and has SQLite compile it anew for every row (docs/decisions/0015). The
/// statements and the values come from the EF Core model: the columns of the entity type's table, each value
/// converted by its property's type mapping, exactly as SaveChanges would write it. Anything else — an update, a
/// deletion, an owned or hierarchical type, a value the database must generate that the entity already set — is left
/// to SaveChanges (<see cref="TryInsertAsync"/> says false, having written nothing). Keys the database generates
/// (a history row's number) are not read back: the callers do not use them, and the caller clears the context afterwards.
/// Used by the one writer of <see cref="Cases.RegistrationBatches"/>; not thread-safe.
/// </summary>
internal sealed class AddedRowInserts : IAsyncDisposable
{
    private readonly Dictionary<IEntityType, Insert> _inserts = [];
    private DbConnection? _connection;

    /// <summary>
    /// Inserts every tracked entity, principals before the rows that refer to them, inside the context's current
    /// transaction; or, when some change is not a plain insert, writes nothing and says false. The entries stay as they
    /// were (added): the caller clears the context once the rows are written.
    /// </summary>
    public async Task<bool> TryInsertAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = db.ChangeTracker.Entries().ToList();
        if (entries.Count == 0 || !entries.All(Insertable))
        {
            return false;
        }

        var connection = db.Database.GetDbConnection();
        if (!ReferenceEquals(connection, _connection))
        {
            await DisposeAsync().ConfigureAwait(false);
            _connection = connection;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var helper = db.GetService<ISqlGenerationHelper>();
        var types = entries.Select(e => e.Metadata).ToHashSet();
        foreach (var entry in entries.OrderBy(e => Depth(e.Metadata, types, [])))
        {
            if (!_inserts.TryGetValue(entry.Metadata, out var insert))
            {
                insert = new Insert(entry.Metadata, connection, helper);
                _inserts[entry.Metadata] = insert;
            }

            await insert.RunAsync(entry, transaction, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var insert in _inserts.Values)
        {
            await insert.DisposeAsync().ConfigureAwait(false);
        }

        _inserts.Clear();
        _connection = null;
    }

    /// <summary>A new row of a table of its own (no owned, complex or inherited types) whose generated values are still EF's placeholders.</summary>
    private static bool Insertable(EntityEntry entry) =>
        entry.State == EntityState.Added
        && entry.Metadata is { BaseType: null } type
        && !type.IsOwned()
        && !type.GetDerivedTypes().Any()
        && !type.GetComplexProperties().Any()
        && !type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
        && type.GetTableName() is not null
        && Insert.Generated(type).All(p => entry.Property(p.Name).IsTemporary);

    /// <summary>How many foreign keys deep a type is among those being written (Cases 0, CaseHistory 1): principals go first.</summary>
    private static int Depth(IEntityType type, HashSet<IEntityType> written, HashSet<IEntityType> visiting)
    {
        if (!visiting.Add(type))
        {
            return 0;
        }

        var depth = type.GetForeignKeys()
            .Select(fk => fk.PrincipalEntityType)
            .Where(principal => principal != type && written.Contains(principal))
            .Select(principal => Depth(principal, written, visiting) + 1)
            .DefaultIfEmpty(0)
            .Max();
        visiting.Remove(type);
        return depth;
    }

    private sealed class Insert : IAsyncDisposable
    {
        private readonly DbCommand _command;
        private readonly (IProperty Property, RelationalTypeMapping Mapping, string Parameter)[] _columns;

        public Insert(IEntityType type, DbConnection connection, ISqlGenerationHelper helper)
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            _columns = type.GetProperties()
                .Except(Generated(type))
                .Select((p, i) => (p, (RelationalTypeMapping)p.GetTypeMapping(), "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToArray();
            _command = connection.CreateCommand();
            _command.CommandText =
                $"INSERT INTO {helper.DelimitIdentifier(table.Name, table.Schema)} "
                + $"({string.Join(", ", _columns.Select(c => helper.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) "
                + $"VALUES ({string.Join(", ", _columns.Select(c => c.Parameter))})";
        }

        /// <summary>Values the database makes on insert (an identity key): left out of the statement.</summary>
        public static IEnumerable<IProperty> Generated(IEntityType type) =>
            type.GetProperties().Where(p => p.ValueGenerated.HasFlag(ValueGenerated.OnAdd));

        public async Task RunAsync(EntityEntry entry, DbTransaction? transaction, CancellationToken cancellationToken)
        {
            _command.Transaction = transaction;
            _command.Parameters.Clear();
            foreach (var (property, mapping, parameter) in _columns)
            {
                // The type mapping converts the value (an instant to UTC ticks, an enum to its number) as SaveChanges does.
                _command.Parameters.Add(mapping.CreateParameter(_command, parameter, entry.CurrentValues[property], property.IsNullable));
            }

            await _command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => _command.DisposeAsync();
    }
}
