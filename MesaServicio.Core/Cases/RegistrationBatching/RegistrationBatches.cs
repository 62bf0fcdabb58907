using System.Threading.Channels;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MesaServicio.Core.Cases;

/// <summary>
/// Group commit (docs/decisions/0015-registration-group-commit.md, 0021 for PostgreSQL). A durable commit costs a sync of
/// the database's log, so registrations that arrive together are written by one loop in one transaction,
/// with one commit and one sync for all, and then every caller gets its answer — never before the commit, so a caller
/// that is told its case exists can read it. A registration that is refused gets its own error and the others go on:
/// plain ones write nothing until the batch saves them together (one SaveChanges; should that save fail, which no
/// input can cause, the batch fails as one), the intake's are saved alone in a savepoint of their own. Registrations
/// queue in arrival order; a batch takes what is waiting, up to <see cref="MaxBatch"/>. A commit that fails fails
/// every registration of its batch, and the files of each are taken back (<see cref="ICaseRegistrationWork.AfterRollback"/>).
/// The writer writes the plain registrations' rows with one statement per row (<see cref="AddedRowInserts"/>). On SQLite
/// it keeps its connection open and keeps what a batch read for the next one while no other connection has committed.
/// On PostgreSQL, where several instances write, each batch first takes a transaction-level advisory lock that every
/// instance's writer takes (batches of the whole desk are serial, as SQLite's are by its write lock) and reads its
/// references afresh; a transient failure runs the batch again (the execution strategy), unless its commit had landed
/// (its first case is there) or files were put in place for it.
/// </summary>
public sealed class RegistrationBatches(IDbContextFactory<MesaDbContext> contextFactory) : IAsyncDisposable, IDisposable
{
    /// <summary>The most registrations one transaction carries (bounds how long the first of them waits for its answer).</summary>
    public const int MaxBatch = 32;

    private const string Savepoint = "registration";

    /// <summary>The PostgreSQL advisory lock that makes batches serial across instances (any fixed number; this one is "MESA").</summary>
    internal const long BatchLockKey = 0x4D455341;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private volatile Task? _writer;
    private int _waiting;

    // Touched by the writer loop alone. Its context stays across batches (on SQLite with its connection open); the
    // references the last batch read stay valid while no other connection commits, which SQLite's data_version tells
    // (it changes when another connection commits, never for the connection's own commits). PostgreSQL has no such
    // signal across instances: there each batch reads again.
    private MesaDbContext? _db;
    private bool _sqlite;
    private readonly AddedRowInserts _inserts = new();
    private RegistrationReferences? _kept;
    private long _keptAtVersion;

    /// <summary>
    /// Queues a registration: <paramref name="register"/> runs on the writer's context inside the batch's transaction
    /// and adds its rows to the context without saving them. Plain registrations, those with a
    /// <paramref name="plainRequester"/> (the requester is read for the whole batch at once), are saved together; the
    /// others (the intake's: a unique radicado, maybe a new person, files) are saved on their own so that a failure
    /// is their own, and their <paramref name="work"/> is put in place before the commit. Completes
    /// after the batch's commit. A cancellation is honoured only while the registration still waits in the queue.
    /// </summary>
    internal Task<Case> RegisterAsync(
        Func<MesaDbContext, RegistrationReferences, Task<Case>> register, Guid? plainRequester, ICaseRegistrationWork? work,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(register, plainRequester, work, cancellationToken);
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _waiting);
            throw new ObjectDisposedException(nameof(RegistrationBatches));
        }

        if (_writer is null)
        {
            lock (_start)
            {
                // The loop outlives the request that started it: it must not carry that request's logging scope or activity.
                using (ExecutionContext.SuppressFlow())
                {
                    _writer ??= Task.Run(WriteAllAsync);
                }
            }
        }

        return pending.Outcome.Task;
    }

    /// <summary>How many registrations wait for the writer (for tests).</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Stops taking registrations; those already queued are written first.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is { } writer)
        {
            await writer.ConfigureAwait(false);
        }

        await ForgetWriterAsync().ConfigureAwait(false);
    }

    /// <summary>The same, for a container disposed synchronously: waits for the queued registrations to be written.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer?.GetAwaiter().GetResult();
        ForgetWriterAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The writer's context, with its connection open and kept open (created on first use, after a failure anew).</summary>
    private async Task<MesaDbContext> WriterAsync()
    {
        if (_db is not null)
        {
            return _db;
        }

        var db = await contextFactory.CreateDbContextAsync().ConfigureAwait(false);
        try
        {
            // A registration saved alone has its own savepoint below; EF's one around every SaveChanges would only add statements.
            db.Database.AutoSavepointsEnabled = false;
            _sqlite = db.Database.IsSqlite();
            if (_sqlite)
            {
                // Another writer's lock is waited for inside SQLite (SqliteBusyTimeout, set as the connection opens).
                // PostgreSQL's connection is taken from the pool per batch: a broken one is not kept for the next.
                await db.Database.OpenConnectionAsync().ConfigureAwait(false);
            }
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return _db = db;
    }

    /// <summary>After a failure nothing the writer held is trusted: its context (and connection) and the references go.</summary>
    private async ValueTask ForgetWriterAsync()
    {
        _kept = null;
        await _inserts.DisposeAsync().ConfigureAwait(false);
        if (_db is { } db)
        {
            _db = null;
            await db.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>SQLite's count of commits by other connections, as this connection sees it.</summary>
    private static async Task<long> DataVersionAsync(MesaDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "PRAGMA data_version;";
        return Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                Interlocked.Decrement(ref _waiting);
                if (next.Cancellation.IsCancellationRequested)
                {
                    next.Outcome.TrySetCanceled(next.Cancellation);
                }
                else
                {
                    batch.Add(next);
                }
            }

            if (batch.Count > 0)
            {
                try
                {
                    await WriteAsync(batch).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Whatever escaped (taking a file back failed) must neither stop the loop nor leave a caller waiting.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    foreach (var pending in batch)
                    {
                        pending.Outcome.TrySetException(ex);
                    }
                }

                batch.Clear();
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        var written = new List<(Pending Pending, Case Case)>(batch.Count);
        var refused = new List<(Pending Pending, Exception Error)>();
        try
        {
            var db = await WriterAsync().ConfigureAwait(false);
            var strategy = db.Database.CreateExecutionStrategy();
            Guid? committing = null;
            await strategy.ExecuteAsync(async () =>
            {
                // Run again after a transient failure (PostgreSQL). A failed commit may have landed and only its answer been
                // lost: a batch commits all or nothing, so when its first case is there, that attempt is the answer.
                if (committing is { } landed)
                {
                    committing = null;
                    if (await db.Cases.AsNoTracking().AnyAsync(c => c.Id == landed).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                // Otherwise the failed attempt was rolled back: start over.
                written.Clear();
                refused.Clear();
                db.ChangeTracker.Clear();
                try
                {
                    await WriteOnceAsync(db, batch, written, refused).ConfigureAwait(false);
                }
                catch (Exception ex) when (strategy.RetriesOnFailure && written.Any(w => w.Pending.Work is not null))
                {
                    // Files were put in place for this attempt: they are taken back, and the batch is not run again.
                    TakeBack(written);
                    throw new CommitNotRetriedException("A registration batch with files failed; it is not run again.", ex);
                }
                catch when (written.Count > 0)
                {
                    committing = written[0].Case.Id;
                    throw;
                }
            }).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The batch's failure is every waiting caller's answer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await ForgetWriterAsync().ConfigureAwait(false);
            TakeBack(written);
            foreach (var (pending, error) in refused)
            {
                pending.Outcome.TrySetException(error);
            }

            foreach (var pending in batch)
            {
                pending.Outcome.TrySetException(ex);
            }

            return;
        }

        foreach (var (pending, registered) in written)
        {
            pending.Work?.Committed();
            pending.Outcome.TrySetResult(registered);
        }

        foreach (var (pending, error) in refused)
        {
            pending.Outcome.TrySetException(error);
        }
    }

    /// <summary>The commit did not happen: what the written registrations' work put in place is undone, once.</summary>
    private static void TakeBack(List<(Pending Pending, Case Case)> written)
    {
        foreach (var (pending, _) in written)
        {
            pending.Work?.AfterRollback();
        }

        written.Clear();
    }

    /// <summary>One attempt at the batch: every registration checked and added, then one commit.</summary>
    private async Task WriteOnceAsync(
        MesaDbContext db, List<Pending> batch, List<(Pending Pending, Case Case)> written, List<(Pending Pending, Exception Error)> refused)
    {
        var unsaved = new List<(Pending Pending, Case Case)>(batch.Count);

        // On SQLite IMMEDIATE: the write lock is held from here, so every read of the batch stays true until the commit.
        await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
        RegistrationReferences references;
        long version = 0;
        if (_sqlite)
        {
            // What the last batch read is still what the database holds when no other connection committed since.
            version = await DataVersionAsync(db).ConfigureAwait(false);
            references = _kept is not null && version == _keptAtVersion ? _kept : RegistrationReferences.ForBatch();
            _kept = null;
        }
        else
        {
            // Every instance's writer takes this lock first: one batch at a time, and what it reads stays true until its
            // commit for everything registrations change (numbers, routing's picks and loads).
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({BatchLockKey})").ConfigureAwait(false);
            references = RegistrationReferences.ForBatch();
        }

        async Task SaveUnsavedAsync()
        {
            // New cases and their history only: one prepared INSERT per table. Should anything else be tracked, SaveChanges.
            if (!await _inserts.TryInsertAsync(db, CancellationToken.None).ConfigureAwait(false))
            {
                await db.SaveChangesAsync().ConfigureAwait(false);
            }

            references.Routing.Saved();
            written.AddRange(unsaved);
            unsaved.Clear();
            db.ChangeTracker.Clear();
        }

        await references.ExpectRequestersAsync(
            db, batch.Where(p => p.RequesterId is not null).Select(p => p.RequesterId!.Value).ToList(), CancellationToken.None).ConfigureAwait(false);
        foreach (var pending in batch)
        {
            if (!pending.SavesAlone)
            {
                // A plain registration writes nothing before it adds its rows, and adds them only when nothing more can
                // fail: a refusal leaves nothing to roll back but its number and pick, kept in memory.
                try
                {
                    unsaved.Add((pending, await pending.Register(db, references).ConfigureAwait(false)));
                    references.Accept();
                }
#pragma warning disable CA1031 // Any failure of one registration is that caller's answer; the others go on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    references.Discard();
                    refused.Add((pending, ex));
                }

                continue;
            }

            if (unsaved.Count > 0)
            {
                // What is waiting is saved first, so that rolling this one back touches nothing else.
                await SaveUnsavedAsync().ConfigureAwait(false);
            }

            await transaction.CreateSavepointAsync(Savepoint).ConfigureAwait(false);
            try
            {
                var registered = await pending.Register(db, references).ConfigureAwait(false);
                await db.SaveChangesAsync().ConfigureAwait(false);
                pending.Work?.BeforeCommit();
                await transaction.ReleaseSavepointAsync(Savepoint).ConfigureAwait(false);
                references.Accept();
                references.Routing.Saved();
                written.Add((pending, registered));
            }
#pragma warning disable CA1031 // Any failure of one registration is that caller's answer; the others go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // Should the engine have ended the whole transaction (an I/O error), the savepoint is gone and this
                // throws: the batch then fails as one.
                references.Discard();
                await transaction.RollbackToSavepointAsync(Savepoint).ConfigureAwait(false);
                refused.Add((pending, ex));
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        if (unsaved.Count > 0)
        {
            await SaveUnsavedAsync().ConfigureAwait(false);
        }

        await references.SaveAsync(db, CancellationToken.None).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        references.Committed();
        if (_sqlite)
        {
            (_kept, _keptAtVersion) = (references, version);
        }
    }

    private sealed class Pending(
        Func<MesaDbContext, RegistrationReferences, Task<Case>> register, Guid? plainRequester, ICaseRegistrationWork? work, CancellationToken cancellation)
    {
        public Func<MesaDbContext, RegistrationReferences, Task<Case>> Register { get; } = register;

        /// <summary>The requester of a plain registration; null for one saved alone.</summary>
        public Guid? RequesterId { get; } = work is null ? plainRequester : null;

        public bool SavesAlone => RequesterId is null;

        public ICaseRegistrationWork? Work { get; } = work;

        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource<Case> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
