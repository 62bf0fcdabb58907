using System.Data.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MesaServicio.Tests.Persistence;

/// <summary>
/// Issue #8: on PostgreSQL a registration batch (decision 0021) is one transaction, run again from scratch when the
/// database fails transiently, and not run again when its commit had landed. A network failure is what makes a failure transient, so these run on PostgreSQL whatever engine the
/// suite runs on (SQLite is a local file: no connection to lose).
/// </summary>
public sealed class TransientFailureTests
{
    [PostgreSqlFact]
    public async Task A_registration_whose_commit_failed_is_run_again_and_makes_one_case()
    {
        var failure = new FailingCommit(afterCommit: false);
        await using var host = await StartAsync(failure);

        var filed = await host.FileAsync(subject: "La VPN se desconecta cada diez minutos");

        failure.Thrown.Should().Be(1, "the first commit failed");
        await using var db = host.NewContext();
        var stored = await db.Cases.Select(c => new { c.Number, c.Subject }).ToListAsync();
        stored.Should().ContainSingle().Which.Number.Should().Be(filed.Number, "the retry registered the case the first attempt rolled back");
        filed.Number.Should().Be(CaseNumbers.Format(2026, 1), "the rolled-back attempt's number was rolled back with it");
        (await db.CaseHistory.CountAsync()).Should().BeGreaterThan(0);
    }

    [PostgreSqlFact]
    public async Task A_registration_whose_commit_landed_but_was_not_acknowledged_is_not_registered_twice()
    {
        var failure = new FailingCommit(afterCommit: true);
        await using var host = await StartAsync(failure);

        var filed = await host.FileAsync(subject: "La VPN se desconecta cada diez minutos");

        failure.Thrown.Should().Be(1, "the first commit's acknowledgement was lost");
        await using (var db = host.NewContext())
        {
            var stored = await db.Cases.Select(c => c.Number).ToListAsync();
            stored.Should().Equal([filed.Number], "the commit had landed: the retry found that case and answered with it");
        }

        (await host.FileAsync(subject: "Otra solicitud")).Number.Should().Be(
            CaseNumbers.Format(2026, 2), "the lost acknowledgement used up no number");
    }

    private static Task<CoreHost> StartAsync(FailingCommit failure) =>
        CoreHost.StartAsync(
            configure: s => s.ConfigureDbContext<MesaDbContext>(o => o.AddInterceptors(failure)),
            provider: DatabaseProvider.PostgreSql);

    /// <summary>
    /// Fails the first commit of a transaction that wrote a case, as a broken connection does (an <see cref="NpgsqlException"/>
    /// over an <see cref="IOException"/>, which Npgsql calls transient): before the commit reaches the server, or after
    /// it committed (the acknowledgement lost on the way back).
    /// </summary>
    private sealed class FailingCommit(bool afterCommit) : DbTransactionInterceptor, IDbCommandInterceptor
    {
        private int _armed;
        private int _thrown;

        public int Thrown => _thrown;

        public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Arm(command);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Arm(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (!afterCommit)
            {
                Fail();
            }

            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(
            DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (afterCommit)
            {
                Fail();
            }

            return Task.CompletedTask;
        }

        private void Arm(DbCommand command)
        {
            // The batch writes its cases with commands of its own (AddedRowInserts, not seen here) and then, through EF, the
            // year's last case number: a transaction that writes that registered a case.
            if (command.CommandText.Contains("INSERT INTO \"CaseNumberSequences\"", StringComparison.Ordinal) && _thrown == 0)
            {
                Interlocked.Exchange(ref _armed, 1);
            }
        }

        private void Fail()
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1 && Interlocked.Increment(ref _thrown) == 1)
            {
                throw new NpgsqlException("The connection was lost while committing.", new IOException("Connection reset by peer"));
            }
        }
    }
}
