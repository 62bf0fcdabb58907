using System.Data.Common;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Intake;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.Attachments.AttachmentSamples;

namespace MesaServicio.Tests.Cases;

/// <summary>
/// Group commit on SQLite (<see cref="RegistrationBatches"/>). Each test holds SQLite's write lock from another
/// connection while registrations queue up behind the writer, so the batch they form is known, not left to timing.
/// These run on SQLite whatever engine the suite runs on (the lock they hold is SQLite's; PostgreSQL's batches are covered by
/// CasePersistenceTests and TransientFailureTests).
/// </summary>
public sealed class RegistrationBatchTests
{
    private const string Wifi = "Red cableada e inalámbrica (wifi)";

    [Fact]
    public async Task Registrations_waiting_together_share_one_commit_and_a_refused_one_takes_nothing_from_the_others()
    {
        var commits = new CommitCounter();
        await using var host = await StartAsync(commits);
        var wifi = await host.CategoryAsync(Wifi);
        var register = host.Get<RegisterCase>();
        var agent = CoreHost.Agent(DemoPeople.Agent1);

        Task<CaseChangeResult> File(int i, int category, Guid requester, string? subject = null) => register.HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, category, subject ?? $"Sin red {i}", "No hay conexión en el piso 3.", Impact.Low, Urgency.Low, CaseChannel.Agent, requester),
            agent, CancellationToken.None);

        List<Task<CaseChangeResult>> queued;
        await using (var writeLock = await WriteLock.TakeAsync(host))
        {
            commits.Reset();
            var first = File(0, wifi, DemoPeople.Requester);
            await Until(() => host.Get<RegistrationBatches>().Waiting == 0);
            queued = [first];
            for (var i = 1; i <= 24; i++)
            {
                // Every sixth is refused: an unknown category, or a requester the desk does not know (both found before a
                // number is taken); every tenth has no subject, refused by the case itself after it took its number.
                queued.Add(i % 6 == 0
                    ? (i % 12 == 0 ? File(i, 999_999, DemoPeople.Requester) : File(i, wifi, Guid.NewGuid()))
                    : i % 10 == 0 ? File(i, wifi, DemoPeople.Requester2, subject: "  ") : File(i, wifi, DemoPeople.Requester2));
            }

            await Until(() => host.Get<RegistrationBatches>().Waiting == 24);
        }

        await Task.WhenAll(queued.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        commits.Count.Should().Be(2, "the first registration commits alone, the 24 that waited behind it commit together");
        var refused = queued.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
        refused.Should().HaveCount(6);
        refused.OfType<NotFoundException>().Should().HaveCount(2).And.OnlyContain(e => e.Message == "No se encontró la categoría.");
        refused.Where(e => e.GetType() == typeof(DomainException)).Select(e => e.Message).Should().BeEquivalentTo(
            "Indique el usuario solicitante del caso.", "Indique el usuario solicitante del caso.", "Escriba el asunto del caso.", "Escriba el asunto del caso.");

        var numbers = queued.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result.Number).ToList();
        numbers.Order().Should().Equal(Enumerable.Range(1, 19).Select(n => CaseNumbers.Format(2026, n)), "refused registrations give their number back");
        await using var db = host.NewContext();
        (await db.Cases.CountAsync()).Should().Be(19);
        (await db.CaseHistory.CountAsync()).Should().Be(38, "each case: registered, then assigned");
        (await db.OutboxMessages.CountAsync(m => m.Kind == Core.Notifications.MessageKind.CaseRegistered)).Should()
            .Be(19, "each case's acknowledgement commits with it, in the batch's one commit; a refused one's never");
        (await db.CaseNumberSequences.SingleAsync(s => s.Year == 2026)).LastValue.Should().Be(19);
        var perAgent = await db.Cases.GroupBy(c => c.AssigneeId).Select(g => g.Count()).ToListAsync();
        perAgent.Should().HaveCount(3);
        (perAgent.Max() - perAgent.Min()).Should().BeLessThanOrEqualTo(1, "routing inside one batch counts the batch's own picks (7, 6, 6)");
        var last = await db.Cases.OrderByDescending(c => c.Number).Select(c => new { c.AssigneeId, c.AssignedGroupId }).FirstAsync();
        var group = await db.TechnicianGroups.SingleAsync(g => g.Id == last.AssignedGroupId);
        group.LastAssignedPersonId.Should().Be(last.AssigneeId, "the group's round-robin remembers the batch's last pick");
    }

    [Fact]
    public async Task A_commit_that_fails_fails_every_registration_of_its_batch_and_leaves_no_case_no_number_and_no_file()
    {
        var commits = new CommitCounter();
        var storage = Path.Combine(Path.GetTempPath(), "mesa-tests", Guid.NewGuid().ToString("N"));
        await using var host = await StartAsync(commits, s => s.Configure<AttachmentOptions>(o => o.StoragePath = storage));
        var wifi = await host.CategoryAsync(Wifi);
        var intake = host.Get<IntakeCase>();
        var requester = CurrentUser.Person(DemoPeople.Requester, Core.People.PersonRoles.None);
        Task<CaseChangeResult> Register(int i) => host.Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, wifi, $"Sin red {i}", "No hay conexión.", Impact.Low, Urgency.Low, CaseChannel.Portal, DemoPeople.Requester),
            requester, CancellationToken.None);

        List<Task> queued;
        await using var files = intake.StartFiles(CurrentUser.Integration);
        await IntakeCase.AddFileAsync(files, File("soporte.pdf", "application/pdf", Pdf), default);
        await using (var writeLock = await WriteLock.TakeAsync(host))
        {
            var first = Register(0);
            await Until(() => host.Get<RegistrationBatches>().Waiting == 0);
            queued = [first, Register(1), intake.RegisterNewAsync(IntakeValidation.Validate(Submission("2026-ER-501")), files, CurrentUser.Integration, default), Register(2)];
            await Until(() => host.Get<RegistrationBatches>().Waiting == 3);
            commits.FailFromNow = true;
        }

        await Task.WhenAll(queued.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        queued.Should().OnlyContain(t => t.IsFaulted, "the database refused both commits");
        queued.Select(t => t.Exception!.InnerException).Should().OnlyContain(e => e is InvalidOperationException && e.Message == CommitCounter.Refusal);

        commits.FailFromNow = false;
        await using (var db = host.NewContext())
        {
            (await db.Cases.CountAsync()).Should().Be(0);
            (await db.CaseAttachments.CountAsync()).Should().Be(0);
            (await db.People.CountAsync(p => p.Email == "ana.ruiz@correo.com.co")).Should().Be(0);
        }

        (Directory.Exists(storage) ? Directory.GetFiles(storage, "*", SearchOption.AllDirectories) : []).Should().BeEmpty("the intake's file was taken back");
        (await Register(3)).Number.Should().Be(CaseNumbers.Format(2026, 1), "no number was spent");
    }

    [Fact]
    public async Task A_registration_cancelled_while_it_waits_is_not_written()
    {
        await using var host = await StartAsync(new CommitCounter());
        var wifi = await host.CategoryAsync(Wifi);
        var requester = CurrentUser.Person(DemoPeople.Requester, Core.People.PersonRoles.None);
        Task<CaseChangeResult> File(int i, CancellationToken ct) => host.Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, wifi, $"Sin red {i}", "No hay conexión.", Impact.Low, Urgency.Low, CaseChannel.Portal, DemoPeople.Requester),
            requester, ct);

        using var cancel = new CancellationTokenSource();
        Task<CaseChangeResult> first, second, third;
        await using (var writeLock = await WriteLock.TakeAsync(host))
        {
            first = File(1, CancellationToken.None);
            await Until(() => host.Get<RegistrationBatches>().Waiting == 0);
            second = File(2, cancel.Token);
            third = File(3, CancellationToken.None);
            await Until(() => host.Get<RegistrationBatches>().Waiting == 2);
            await cancel.CancelAsync();
        }

        await FluentActions.Awaiting(() => second).Should().ThrowAsync<OperationCanceledException>();
        (await first).Number.Should().Be(CaseNumbers.Format(2026, 1));
        (await third).Number.Should().Be(CaseNumbers.Format(2026, 2));
        await using var db = host.NewContext();
        (await db.Cases.Select(c => c.Subject).OrderBy(s => s).ToListAsync()).Should().Equal("Sin red 1", "Sin red 3");
    }

    [Fact]
    public async Task Intake_submissions_in_one_batch_keep_one_case_per_radicado_and_one_person_per_email()
    {
        await using var host = await StartAsync(new CommitCounter());
        var intake = host.Get<IntakeCase>();
        var email = $"nuevo.{Guid.NewGuid():N}@correo.com.co";
        async Task<IntakeResult> Submit(string radicado)
        {
            await using var none = intake.StartFiles(CurrentUser.Integration);
            return await intake.RegisterNewAsync(IntakeValidation.Validate(Submission(radicado, email)), none, CurrentUser.Integration, default);
        }

        List<Task<IntakeResult>> queued;
        await using (var writeLock = await WriteLock.TakeAsync(host))
        {
            var first = Submit("2026-ER-600");
            await Until(() => host.Get<RegistrationBatches>().Waiting == 0);
            queued = [first, Submit("2026-ER-601"), Submit("2026-ER-601"), Submit("2026-ER-602"), Submit("2026-ER-601")];
            await Until(() => host.Get<RegistrationBatches>().Waiting == 4);
        }

        var results = await Task.WhenAll(queued);
        results.Count(r => r.Created).Should().Be(3, "radicados 600, 601 and 602 each make one case");
        results.Where(r => r.Case.Radicado == "2026-ER-601").Select(r => r.Case.Number).Distinct().Should().ContainSingle(
            "the repeats of 601 lost to the unique index in the same transaction and answer with its case once it committed");
        await using var db = host.NewContext();
        (await db.Cases.CountAsync()).Should().Be(3);
        var people = await db.People.Where(p => p.Email == email).Select(p => p.Id).ToListAsync();
        people.Should().ContainSingle("the requester added by the first submission is found by the next ones in the same transaction");
        (await db.Cases.Select(c => c.Number).OrderBy(n => n).ToListAsync()).Should().Equal(Enumerable.Range(1, 3).Select(n => CaseNumbers.Format(2026, n)));
    }

    [Fact]
    public async Task What_a_batch_read_serves_the_next_batch_until_another_connection_writes()
    {
        var reads = new ReadCounter();
        await using var host = await StartAsync(new CommitCounter(), s => s.ConfigureDbContext<MesaDbContext>(o => o.AddInterceptors(reads)));
        var wifi = await host.CategoryAsync(Wifi);
        var agent = CoreHost.Agent(DemoPeople.Agent1);
        Task<CaseChangeResult> File(int i, Guid requester) => host.Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, wifi, $"Sin red {i}", "No hay conexión.", Impact.Low, Urgency.Low, CaseChannel.Agent, requester),
            agent, CancellationToken.None);

        var first = await File(1, DemoPeople.Requester);
        reads.Reset();
        (await File(2, DemoPeople.Requester)).Number.Should().Be(CaseNumbers.Format(2026, 2));
        reads.Of("Categories", "People", "TechnicianGroups", "GroupMembers", "CaseNumberSequences", "PriorityMatrix", "SlaPolicies")
            .Should().Be(0, "nobody else wrote since the last batch, so what it read still holds");

        // The coordinator deactivates the requester and takes two of the three technicians out of the group.
        Guid remaining;
        await using (var db = host.NewContext())
        {
            var groupId = (await db.Cases.SingleAsync(c => c.Id == first.CaseId)).AssignedGroupId!.Value;
            (await db.People.SingleAsync(p => p.Id == DemoPeople.Requester)).Deactivate();
            var members = await db.GroupMembers.Where(m => m.GroupId == groupId).OrderBy(m => m.Position).ToListAsync();
            members.Should().HaveCount(3);
            db.GroupMembers.RemoveRange(members.Skip(1));
            remaining = members[0].PersonId;
            await db.SaveChangesAsync();
        }

        reads.Reset();
        await FluentActions.Awaiting(() => File(3, DemoPeople.Requester)).Should().ThrowAsync<DomainException>().WithMessage("El usuario solicitante no está activo.");
        reads.Of("People").Should().BeGreaterThan(0, "another connection wrote: the batch reads again");
        var routed = new List<CaseChangeResult>();
        for (var i = 4; i <= 6; i++)
        {
            routed.Add(await File(i, DemoPeople.Requester2));
        }

        await using (var db = host.NewContext())
        {
            var ids = routed.Select(r => r.CaseId).ToList();
            (await db.Cases.Where(c => ids.Contains(c.Id)).Select(c => c.AssigneeId).ToListAsync()).Should().OnlyContain(
                a => a == remaining, "routing read the group again after its members changed");
        }

        routed.Select(r => r.Number).Should().Equal(Enumerable.Range(3, 3).Select(n => CaseNumbers.Format(2026, n)), "the refused one took no number");
    }

    private static IntakeCaseCommand Submission(string radicado, string email = "ana.ruiz@correo.com.co") =>
        new(radicado, "Ana Ruiz", email, "No abre el SIGEP", "Error 500 al ingresar al SIGEP II.", CategoryHint: "sigep");

    private static Task<CoreHost> StartAsync(CommitCounter commits, Action<IServiceCollection>? configure = null) =>
        CoreHost.StartAsync(
            configure: s =>
            {
                s.ConfigureDbContext<MesaDbContext>(o => o.AddInterceptors(commits));
                configure?.Invoke(s);
            },
            provider: DatabaseProvider.Sqlite);

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    /// <summary>SQLite's write lock, held from a connection of the test's own until disposed.</summary>
    private sealed class WriteLock : IAsyncDisposable
    {
        private readonly SqliteConnection _connection;

        private WriteLock(SqliteConnection connection) => _connection = connection;

        public static async Task<WriteLock> TakeAsync(CoreHost host)
        {
            var connection = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
            await connection.OpenAsync();
            await using var begin = connection.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
            return new WriteLock(connection);
        }

        public async ValueTask DisposeAsync()
        {
            await using (var commit = _connection.CreateCommand())
            {
                commit.CommandText = "COMMIT";
                await commit.ExecuteNonQueryAsync();
            }

            await _connection.DisposeAsync();
        }
    }

    /// <summary>Counts the queries of the desk's own contexts by the tables they read.</summary>
    private sealed class ReadCounter : DbCommandInterceptor
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _commands = new();

        public void Reset() => _commands.Clear();

        public int Of(params string[] tables) =>
            _commands.Count(c => tables.Any(t => c.Contains($"FROM \"{t}\"", StringComparison.Ordinal) || c.Contains($"JOIN \"{t}\"", StringComparison.Ordinal)));

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Counts the commits of the desk's own contexts, and refuses them on demand (as a failing disk would).</summary>
    private sealed class CommitCounter : DbTransactionInterceptor
    {
        public const string Refusal = "Disco lleno (simulado).";

        private int _count;

        public int Count => Volatile.Read(ref _count);

        private volatile bool _fail;

        public bool FailFromNow
        {
            get => _fail;
            set => _fail = value;
        }

        public void Reset() => Volatile.Write(ref _count, 0);

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (_fail)
            {
                throw new InvalidOperationException(Refusal);
            }

            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}
