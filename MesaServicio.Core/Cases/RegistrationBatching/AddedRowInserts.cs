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
/// builds a command with fresh parameters and has SQLite compile it anew for every row (docs/decisions/0015); on
/// PostgreSQL every row's INSERT goes in one batch of statements, one round trip (decision 0021). The
/// statements and the values come from the EF Core model: the columns of the entity type's table, each value
/// converted by its property's type mapping, exactly as SaveChanges would write it. Anything else — an update, a
/// deletion, an owned or hierarchical type, a value the database must generate that the entity already set — is left
/// to SaveChanges (<see cref="TryInsertAsync"/> says false, having written nothing). Keys the database generates
/// (a history row's number) are not read back: the callers do not use them, and the caller clears the context afterwards.
/// Used by the one writer of <see cref="Cases.RegistrationBatches"/>; not thread-safe.
/// </summary>
internal sealed class AddedRowInserts : IAsyncDisposable
{
    // Per entity type, decided once from the model: its INSERT, or null when the type is not a plain table of its own.
    private readonly Dictionary<IEntityType, Insert?> _inserts = [];
    private DbConnection? _connection;

    // Makes the parameters of a batch's statements (a type mapping creates a parameter from a command); never run.
    private DbCommand? _parameters;

    /// <summary>
    /// Inserts every tracked entity, principals before the rows that refer to them, inside the context's current
    /// transaction; or, when some change is not a plain insert, writes nothing and says false. The entries stay as they
    /// were (added): the caller clears the context once the rows are written.
    /// </summary>
    public async Task<bool> TryInsertAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = db.ChangeTracker.Entries().ToList();
        if (entries.Count == 0)
        {
            return false;
        }

        var rows = new List<(EntityEntry Entry, Insert Insert)>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.State != EntityState.Added || InsertFor(entry.Metadata, db) is not { } insert || !insert.OnlyPlaceholders(entry))
            {
                return false;
            }

            rows.Add((entry, insert));
        }

        var connection = db.Database.GetDbConnection();
        if (!ReferenceEquals(connection, _connection))
        {
            await CloseCommandsAsync().ConfigureAwait(false);
            _connection = connection;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection.CanCreateBatch)
        {
            // PostgreSQL: every row in one round trip (a batch of statements), the engine's round trips being what a
            // batch of registrations waits for on a server. SQLite has no round trips and no batches.
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            _parameters ??= connection.CreateCommand();
            foreach (var (entry, insert) in rows.OrderBy(r => r.Insert.Depth))
            {
                batch.BatchCommands.Add(insert.BatchCommand(batch, entry, _parameters));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        foreach (var (entry, insert) in rows.OrderBy(r => r.Insert.Depth))
        {
            await insert.RunAsync(entry, connection, transaction, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public ValueTask DisposeAsync() => CloseCommandsAsync();

    private async ValueTask CloseCommandsAsync()
    {
        foreach (var insert in _inserts.Values)
        {
            if (insert is not null)
            {
                await insert.CloseAsync().ConfigureAwait(false);
            }
        }

        if (_parameters is not null)
        {
            await _parameters.DisposeAsync().ConfigureAwait(false);
            _parameters = null;
        }

        _connection = null;
    }

    private Insert? InsertFor(IEntityType type, DbContext db)
    {
        if (!_inserts.TryGetValue(type, out var insert))
        {
            // A table of its own: no owned, complex or inherited types.
            var plain = type is { BaseType: null }
                && !type.IsOwned()
                && !type.GetDerivedTypes().Any()
                && !type.GetComplexProperties().Any()
                && !type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
                && type.GetTableName() is not null;
            insert = plain ? new Insert(type, db.GetService<ISqlGenerationHelper>()) : null;
            _inserts[type] = insert;
        }

        return insert;
    }

    /// <summary>How many foreign keys deep a type is (Cases 0, CaseHistory 1): principals are written first.</summary>
    private static int DepthOf(IEntityType type, HashSet<IEntityType> visiting)
    {
        if (!visiting.Add(type))
        {
            return 0;
        }

        var depth = type.GetForeignKeys()
            .Select(fk => fk.PrincipalEntityType)
            .Where(principal => principal != type)
            .Select(principal => DepthOf(principal, visiting) + 1)
            .DefaultIfEmpty(0)
            .Max();
        visiting.Remove(type);
        return depth;
    }

    private sealed class Insert
    {
        private readonly string _sql;

        // The same statement with positional parameters ($1, $2…), which Npgsql sends as it is, without parsing it.
        private readonly string _positionalSql;
        private readonly IProperty[] _generated;
        private readonly (IProperty Property, RelationalTypeMapping Mapping, string Parameter)[] _columns;
        private DbCommand? _command;

        public Insert(IEntityType type, ISqlGenerationHelper helper)
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());

            // Values the database makes on insert (an identity key) are left out of the statement.
            _generated = type.GetProperties().Where(p => p.ValueGenerated.HasFlag(ValueGenerated.OnAdd)).ToArray();
            _columns = type.GetProperties()
                .Except(_generated)
                .Select((p, i) => (p, (RelationalTypeMapping)p.GetTypeMapping(), "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToArray();
            _sql = $"INSERT INTO {helper.DelimitIdentifier(table.Name, table.Schema)} "
                + $"({string.Join(", ", _columns.Select(c => helper.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) "
                + $"VALUES ({string.Join(", ", _columns.Select(c => c.Parameter))})";
            _positionalSql = _sql[.._sql.LastIndexOf("VALUES (", StringComparison.Ordinal)]
                + $"VALUES ({string.Join(", ", _columns.Select((_, i) => "$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
            Depth = DepthOf(type, []);
        }

        public int Depth { get; }

        /// <summary>Whether every value the database should generate is still EF's placeholder (none was set by the entity).</summary>
        public bool OnlyPlaceholders(EntityEntry entry) => _generated.All(p => entry.Property(p.Name).IsTemporary);

        public async Task RunAsync(EntityEntry entry, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
        {
            // Created once per connection and run again: SQLite keeps the compiled statement with the command.
            if (_command is null)
            {
                _command = connection.CreateCommand();
                _command.CommandText = _sql;
            }

            _command.Transaction = transaction;
            _command.Parameters.Clear();
            foreach (var (property, mapping, parameter) in _columns)
            {
                // The type mapping converts the value (an instant to UTC ticks, an enum to its number) as SaveChanges does.
                _command.Parameters.Add(mapping.CreateParameter(_command, parameter, entry.CurrentValues[property], property.IsNullable));
            }

            await _command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The row's INSERT as one statement of a PostgreSQL batch, with positional parameters (made by
        /// <paramref name="parameters"/>, unnamed).
        /// </summary>
        public DbBatchCommand BatchCommand(DbBatch batch, EntityEntry entry, DbCommand parameters)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = _positionalSql;
            foreach (var (property, mapping, _) in _columns)
            {
                command.Parameters.Add(mapping.CreateParameter(parameters, string.Empty, entry.CurrentValues[property], property.IsNullable));
            }

            return command;
        }

        public async ValueTask CloseAsync()
        {
            if (_command is not null)
            {
                await _command.DisposeAsync().ConfigureAwait(false);
                _command = null;
            }
        }
    }
}
