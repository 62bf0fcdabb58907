using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Persistence;

public class CasePersistenceTests
{
    [Fact]
    public async Task A_registered_case_gets_a_readable_number_a_priority_an_ans_and_a_technician()
    {
        await using var host = await CoreHost.StartAsync();
        var first = await host.FileAsync(impact: Impact.High, urgency: Urgency.Medium);
        var second = await host.FileAsync();

        first.Number.Should().Be("MS-2026-000001");
        second.Number.Should().Be("MS-2026-000002");
        var c = await host.LoadAsync(first.Number);
        c.Priority.Should().Be(CasePriority.High);
        c.Status.Should().Be(CaseStatus.Assigned);
        new Guid?[] { DemoPeople.Agent1, DemoPeople.Agent2, DemoPeople.Agent3 }.Should().Contain(c.AssigneeId);
        c.Level.Should().Be(1);
        c.AttendDueAt.Should().Be(CaseBuilder.MondayMorning.AddHours(2), "the seeded ANS for a high-priority incident is 2 business hours");
        c.ResolveBaseDueAt.Should().Be(CaseBuilder.MondayMorning.AddHours(8));
        c.History.Select(h => h.Action).Should().Equal(CaseAction.Registered, CaseAction.Assigned);
    }

    [Fact]
    public async Task A_case_round_trips_through_a_real_database()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await host.FileAsync(impact: Impact.High, urgency: Urgency.High);
        var before = await host.LoadAsync(filed.Number);
        var agent = CoreHost.Agent(before.AssigneeId!.Value);
        host.Time.Advance(TimeSpan.FromMinutes(30));
        await host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(filed.Number, null), agent, default);
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.Get<WaitOnRequester>().HandleAsync(new WaitOnRequesterCommand(filed.Number, null, "¿Qué mensaje de error aparece?"), agent, default);
        host.Time.Advance(TimeSpan.FromHours(2));
        await host.Get<ResumeCase>().HandleAsync(new ResumeCaseCommand(filed.Number, null, null), agent, default);
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(filed.Number, null, "Se restableció la contraseña y se reconfiguró Outlook."), agent, default);

        if (host.Database.Provider == Core.Persistence.DatabaseProvider.Sqlite)
        {
            File.Exists(host.DatabasePath).Should().BeTrue();
        }

        var c = await host.LoadAsync(filed.Number);
        c.Status.Should().Be(CaseStatus.Resolved);
        c.Solution.Should().Be("Se restableció la contraseña y se reconfiguró Outlook.");
        c.Subject.Should().Be("No abre el correo");
        c.FirstActionAt.Should().Be(CaseBuilder.MondayMorning.AddMinutes(30));
        c.PausedBusinessTime.Should().Be(TimeSpan.FromHours(2));
        c.ResolvedAt.Should().Be(CaseBuilder.MondayMorning.AddHours(4.5));
        c.SurveyDueAt.Should().Be(new DateTimeOffset(2026, 3, 5, 17, 0, 0, TimeSpan.FromHours(-5)));
        c.Version.Should().Be(before.Version + 4);
        c.History.Select(h => h.Action).Should().Equal(
            CaseAction.Registered, CaseAction.Assigned, CaseAction.AttentionStarted, CaseAction.WaitingOnRequester,
            CaseAction.Resumed, CaseAction.Resolved);
        c.History.Should().OnlyContain(h => h.At.Offset == TimeSpan.Zero);
        c.History[3].Detail.Should().Be("¿Qué mensaje de error aparece?");
        SlaClock.Resolution(c.SlaFacts, CaseBuilder.ColombianCalendar, host.Time.GetUtcNow()).State.Should().Be(SlaState.Met);
        SlaClock.Attention(c.SlaFacts, CaseBuilder.ColombianCalendar, host.Time.GetUtcNow()).State.Should().Be(SlaState.Met);
    }

    [Fact]
    public async Task Two_agents_acting_at_once_one_wins_and_the_other_gets_the_case_changed_error()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await host.FileAsync();
        var calendar = CaseBuilder.ColombianCalendar;

        await using var first = host.NewContext();
        await using var second = host.NewContext();
        var a = await first.Cases.SingleAsync(c => c.Number == filed.Number);
        var b = await second.Cases.SingleAsync(c => c.Number == filed.Number);
        var now = host.Time.GetUtcNow();
        a.Attend(new CaseContext(Actor.Person(a.AssigneeId!.Value), now, calendar));
        b.Reject(RejectionReason.OutOfScope, "Rechazo del agente B.", null, new CaseContext(Actor.Person(b.AssigneeId!.Value), now, calendar));

        await first.SaveChangesAsync();
        var losing = () => second.SaveChangesAsync();
        await losing.Should().ThrowAsync<DbUpdateConcurrencyException>();

        var stored = await host.LoadAsync(filed.Number);
        stored.Status.Should().Be(CaseStatus.InProgress, "agent A's change was saved first");
        stored.RejectionReason.Should().BeNull();
        stored.History.Should().NotContain(h => h.Action == CaseAction.Rejected, "the loser's history entry is not written either");
    }

    [Fact]
    public async Task Acting_on_a_stale_version_is_refused_in_Spanish_and_changes_nothing()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await host.FileAsync();
        var agent = CoreHost.Agent((await host.LoadAsync(filed.Number)).AssigneeId!.Value);
        await host.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(filed.Number, filed.Version), agent, default);

        var stale = () => host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(filed.Number, filed.Version, "Tarde."), agent, default);
        (await stale.Should().ThrowAsync<ConcurrencyConflictException>())
            .Which.Message.Should().StartWith($"El caso {filed.Number} cambió mientras usted trabajaba en él");
        var c = await host.LoadAsync(filed.Number);
        c.Status.Should().Be(CaseStatus.InAnalysis);
        c.Solution.Should().BeNull();
    }

    [Fact]
    public async Task The_runner_turns_a_lost_race_into_the_case_changed_error()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await host.FileAsync();
        var agent = CoreHost.Agent((await host.LoadAsync(filed.Number)).AssigneeId!.Value);
        var runner = host.Get<CaseCommandRunner>();

        // The other agent's change lands while this command is between its read and its write.
        var act = () => runner.ExecuteAsync(filed.Number, null, agent, CaseOperationKind.Attend, async (c, ctx, db) =>
        {
            await host.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(filed.Number, null), agent, default);
            c.Attend(ctx);
        }, default);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await host.LoadAsync(filed.Number)).Status.Should().Be(CaseStatus.InAnalysis);
    }

    [Fact]
    public async Task Case_numbers_are_unique_under_concurrent_registration()
    {
        await using var host = await CoreHost.StartAsync();
        var categoryId = await host.CategoryAsync("Impresoras y escáneres");
        var register = host.Get<RegisterCase>();
        var tasks = Enumerable.Range(0, 40).Select(i => Task.Run(() => register.HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, categoryId, $"Impresora {i}", "No imprime.", Impact.Low, Urgency.Low, CaseChannel.Portal, DemoPeople.Requester2),
            CurrentUser.Person(DemoPeople.Requester2, MesaServicio.Core.People.PersonRoles.None), default)));
        var results = await Task.WhenAll(tasks);

        results.Select(r => r.Number).Should().OnlyHaveUniqueItems();
        results.Select(r => r.Number).Order().Should().Equal(Enumerable.Range(1, 40).Select(n => CaseNumbers.Format(2026, n)));
    }

    [Fact]
    public async Task Two_instances_registering_at_once_hand_out_every_number_once_and_spread_the_work_evenly()
    {
        // Two desks on one database, as behind a load balancer: each has its own registration writer. Their batches must
        // not read the same last number or the same loads (SQLite: its write lock; PostgreSQL: the batches' advisory lock).
        await using var host = await CoreHost.StartAsync();
        await using var second = MesaServicio.Tests.TimedWork.SecondCoreInstance.Of(host);
        var categoryId = await host.CategoryAsync("Red cableada e inalámbrica (wifi)");
        var requester = CurrentUser.Person(DemoPeople.Requester2, MesaServicio.Core.People.PersonRoles.None);
        var writers = new[] { host.Get<RegisterCase>(), second.Get<RegisterCase>() };
        var tasks = Enumerable.Range(0, 60).Select(i => Task.Run(() => writers[i % 2].HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, categoryId, $"Sin red {i}", "No hay conexión.", Impact.Low, Urgency.Low, CaseChannel.Portal, DemoPeople.Requester2),
            requester, default)));
        var results = await Task.WhenAll(tasks);

        results.Select(r => r.Number).Order().Should().Equal(Enumerable.Range(1, 60).Select(n => CaseNumbers.Format(2026, n)));
        await using var db = host.NewContext();
        var perAgent = await db.Cases.GroupBy(c => c.AssigneeId).Select(g => g.Count()).ToListAsync();
        perAgent.Should().HaveCount(3).And.OnlyContain(n => n == 20, "each batch saw the other instance's picks");
    }

    [Fact]
    public async Task Routing_spreads_a_groups_cases_evenly()
    {
        await using var host = await CoreHost.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            await host.FileAsync(category: "Red cableada e inalámbrica (wifi)");
        }

        await using var db = host.NewContext();
        var perAgent = await db.Cases.GroupBy(c => c.AssigneeId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        perAgent.Select(p => p.Key).Should().BeEquivalentTo(new Guid?[] { DemoPeople.Agent1, DemoPeople.Agent2, DemoPeople.Agent3 });
        perAgent.Should().OnlyContain(p => p.Count == 10);
    }

    [Fact]
    public async Task A_technician_with_less_open_work_gets_the_next_case()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = new List<CaseChangeResult>();
        for (var i = 0; i < 6; i++)
        {
            filed.Add(await host.FileAsync());
        }

        // Agent 2 resolves both of theirs: they now have the least open work.
        foreach (var f in filed)
        {
            var c = await host.LoadAsync(f.Number);
            if (c.AssigneeId == DemoPeople.Agent2)
            {
                await host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(f.Number, null), CoreHost.Agent(DemoPeople.Agent2), default);
                await host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(f.Number, null, "Hecho."), CoreHost.Agent(DemoPeople.Agent2), default);
            }
        }

        var next = await host.FileAsync();
        (await host.LoadAsync(next.Number)).AssigneeId.Should().Be(DemoPeople.Agent2);
    }

    [Fact]
    public async Task Escalating_to_the_next_level_needs_a_technician_of_that_level()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await host.FileAsync();
        var agent = CoreHost.Agent((await host.LoadAsync(filed.Number)).AssigneeId!.Value);
        var escalate = host.Get<EscalateCase>();

        var wrong = () => escalate.HandleAsync(new EscalateCaseCommand(filed.Number, null, EscalationKind.NextLevel, DemoPeople.Level3Agent, null, "Necesita infraestructura."), agent, default);
        (await wrong.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.EscalateAssigneeNotNextLevel);

        await escalate.HandleAsync(new EscalateCaseCommand(filed.Number, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null, "Necesita nivel 2."), agent, default);
        var c = await host.LoadAsync(filed.Number);
        c.Status.Should().Be(CaseStatus.Escalated);
        c.Level.Should().Be(2);
        c.AssigneeId.Should().Be(DemoPeople.Level2Agent);
        await using var db = host.NewContext();
        (await db.TechnicianGroups.SingleAsync(g => g.Id == c.AssignedGroupId)).Level.Should().Be(2);
    }

    [Fact]
    public async Task Escalating_to_another_categorys_lead_needs_that_lead()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await host.FileAsync();
        var agent = CoreHost.Agent((await host.LoadAsync(filed.Number)).AssigneeId!.Value);
        var payroll = await host.CategoryAsync("Nómina y talento humano");
        var escalate = host.Get<EscalateCase>();

        var wrong = () => escalate.HandleAsync(new EscalateCaseCommand(filed.Number, null, EscalationKind.OtherCategoryLead, DemoPeople.LeadMisional, payroll, "Es de nómina."), agent, default);
        (await wrong.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.EscalateAssigneeNotLead);

        await escalate.HandleAsync(new EscalateCaseCommand(filed.Number, null, EscalationKind.OtherCategoryLead, DemoPeople.LeadApoyo, payroll, "Es de nómina."), agent, default);
        (await host.LoadAsync(filed.Number)).AssigneeId.Should().Be(DemoPeople.LeadApoyo);
    }

    [Fact]
    public async Task A_duplicate_is_rejected_against_the_original_by_number()
    {
        await using var host = await CoreHost.StartAsync();
        var original = await host.FileAsync();
        var duplicate = await host.FileAsync();
        var agent = CoreHost.Agent((await host.LoadAsync(duplicate.Number)).AssigneeId!.Value);
        await host.Get<RejectCase>().HandleAsync(
            new RejectCaseCommand(duplicate.Number, null, RejectionReason.Duplicate, "Ya se reportó.", original.Number.ToLowerInvariant()), agent, default);
        (await host.LoadAsync(duplicate.Number)).DuplicateOfCaseId.Should().Be(original.CaseId);

        var missing = () => host.Get<RejectCase>().HandleAsync(
            new RejectCaseCommand(original.Number, null, RejectionReason.Duplicate, "Ya se reportó.", "MS-2026-999999"), agent, default);
        await missing.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task A_deactivated_category_takes_no_new_cases()
    {
        await using var host = await CoreHost.StartAsync();
        await using (var db = host.NewContext())
        {
            (await db.Categories.SingleAsync(c => c.Name == "Telefonía IP")).Deactivate();
            await db.SaveChangesAsync();
        }

        var act = () => host.FileAsync(category: "Telefonía IP");
        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("La categoría «Telefonía IP» no está activa; elija otra.");
        await using var check = host.NewContext();
        (await check.Cases.CountAsync()).Should().Be(0);
        (await check.CaseNumberSequences.CountAsync()).Should().Be(0, "a refused registration consumes no number");
    }

    [Fact]
    public async Task Nothing_is_hard_deleted_and_history_is_append_only()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await host.FileAsync();
        await using var db = host.NewContext();
        var c = await db.Cases.SingleAsync(x => x.Number == filed.Number);
        db.Cases.Remove(c);
        var delete = () => db.SaveChangesAsync();
        await delete.Should().ThrowAsync<InvalidOperationException>().WithMessage("*never hard-deleted*");

        await using var db2 = host.NewContext();
        var entry = await db2.CaseHistory.FirstAsync();
        db2.Entry(entry).Property(e => e.Detail).CurrentValue = "reescrito";
        var rewrite = () => db2.SaveChangesAsync();
        await rewrite.Should().ThrowAsync<InvalidOperationException>().WithMessage("*append-only*");
    }

    [Fact]
    public async Task Events_are_delivered_after_the_commit()
    {
        var recorder = new RecordingHandler();
        await using var host = await CoreHost.StartAsync(configure: s => s.AddSingleton<ICaseEventHandler>(recorder));
        recorder.Host = host;
        var filed = await host.FileAsync();
        var agent = CoreHost.Agent((await host.LoadAsync(filed.Number)).AssigneeId!.Value);
        await host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(filed.Number, null), agent, default);
        await host.Get<EscalateCase>().HandleAsync(
            new EscalateCaseCommand(filed.Number, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null, "Nivel 2."), agent, default);

        recorder.Events.Select(e => e.GetType().Name).Should().Equal(
            nameof(CaseRegistered), nameof(CaseStatusChanged), nameof(CaseAssigned), nameof(CaseProjected),
            nameof(CaseStatusChanged), nameof(CaseProjected),
            nameof(CaseStatusChanged), nameof(CaseEscalated), nameof(CaseMessagePosted), nameof(CaseProjected));
        recorder.Events.OfType<CaseEscalated>().Single().AssigneeId.Should().Be(DemoPeople.Level2Agent);
        var escalated = recorder.Events.OfType<CaseProjected>().Last();
        escalated.Before!.Status.Should().Be(CaseStatus.InProgress, "each commit carries the card as it was");
        escalated.After!.Status.Should().Be(CaseStatus.Escalated);
        escalated.After.AssigneeId.Should().Be(DemoPeople.Level2Agent);
        recorder.SeenCommitted.Should().AllBeEquivalentTo(true, "a handler sees the change already in the database");
    }

    [Fact]
    public async Task A_failing_listener_does_not_undo_the_change()
    {
        await using var host = await CoreHost.StartAsync(configure: s => s.AddSingleton<ICaseEventHandler, ThrowingHandler>());
        var filed = await host.FileAsync();
        (await host.LoadAsync(filed.Number)).Status.Should().Be(CaseStatus.Assigned);
    }

    private sealed class RecordingHandler : ICaseEventHandler
    {
        public CoreHost? Host { get; set; }

        public List<CaseEvent> Events { get; } = [];

        public List<bool> SeenCommitted { get; } = [];

        public async Task HandleAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
        {
            Events.AddRange(events);
            await using var db = Host!.NewContext();
            var number = events[0].Number;
            var version = await db.Cases.Where(c => c.Number == number).Select(c => c.Version).SingleOrDefaultAsync(cancellationToken);
            SeenCommitted.Add(version > 0);
        }
    }

    private sealed class ThrowingHandler : ICaseEventHandler
    {
        public Task HandleAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("listener down");
    }
}
