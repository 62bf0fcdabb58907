using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Improvement;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Improvement;

/// <summary>The use cases on the run's database (SQLite, or PostgreSQL with MESA_TEST_DATABASE=PostgreSql).</summary>
public class ImprovementActionUseCaseTests
{
    /// <summary>Monday 2 March 2026, 09:00 in Bogotá (the host's clock).</summary>
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
    private static readonly CurrentUser Lead = CurrentUser.Person(DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead);
    private static readonly CurrentUser Jefe = CurrentUser.Person(Guid.NewGuid(), PersonRoles.Jefe);
    private static readonly CurrentUser Requester = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None);
    private static readonly CurrentUser Responsible = CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent);
    private static readonly CurrentUser OtherAgent = CurrentUser.Person(DemoPeople.Agent2, PersonRoles.Agent);

    private static CreateImprovementActionCommand Command(string caseNumber, DateOnly? due = null, Guid? responsible = null) =>
        new("Guía para restablecer la contraseña del correo", "Varios usuarios reportan la misma novedad.", ImprovementOrigin.Novedad, null,
            [caseNumber], responsible ?? DemoPeople.Agent1, due ?? Today.AddDays(10));

    private static async Task<(CoreHost Host, string Case)> StartAsync()
    {
        var host = await CoreHost.StartAsync();
        var filed = await host.FileAsync();
        return (host, filed.Number);
    }

    [Fact]
    public async Task Creating_numbers_the_action_links_its_cases_audits_it_and_tells_the_responsible()
    {
        var (host, caseNumber) = await StartAsync();
        await using var _ = host;
        var first = await host.Get<CreateImprovementAction>().HandleAsync(Command(caseNumber.ToLowerInvariant()), Coordinator, default);
        var second = await host.Get<CreateImprovementAction>().HandleAsync(Command(caseNumber), Lead, default);

        first.Number.Should().Be("AM-2026-0001");
        second.Number.Should().Be("AM-2026-0002");
        first.CaseNumbers.Should().Equal(caseNumber);
        first.Status.Should().Be(ImprovementActionStatus.Open);
        first.ResponsibleName.Should().NotBeEmpty();
        await using var db = host.NewContext();
        (await db.ConfigurationChanges.CountAsync(c => c.Area == ConfigurationAreas.ImprovementAction)).Should().Be(2);
        var portal = await db.PortalNotifications.Where(n => n.PersonId == DemoPeople.Agent1 && n.Kind == MessageKind.ImprovementActionAssigned)
            .OrderBy(n => n.CreatedAt).ToListAsync();
        portal.Should().HaveCount(2);
        portal[0].CaseNumber.Should().Be("AM-2026-0001");
        portal[0].Text.Should().Be("Se le asignó la acción de mejora AM-2026-0001 (vence el jueves 12 de marzo de 2026).");
        (await db.OutboxMessages.CountAsync(m => m.Kind == MessageKind.ImprovementActionAssigned && m.RecipientId == DemoPeople.Agent1)).Should().Be(2);
    }

    [Fact]
    public async Task A_form_with_an_unknown_case_or_a_requester_as_responsible_is_refused_in_Spanish_and_writes_nothing()
    {
        var (host, caseNumber) = await StartAsync();
        await using var _ = host;
        var create = host.Get<CreateImprovementAction>();
        var unknown = () => create.HandleAsync(Command("MS-2026-999999"), Coordinator, default);
        (await unknown.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("No se encontró el caso MS-2026-999999.");
        var requester = () => create.HandleAsync(Command(caseNumber, responsible: DemoPeople.Requester), Coordinator, default);
        (await requester.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(ImprovementRules.ResponsibleNotStaff);
        var past = () => create.HandleAsync(Command(caseNumber, due: Today.AddDays(-1)), Coordinator, default);
        (await past.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("La fecha límite no puede ser anterior a hoy (2026-03-02).");
        await using var db = host.NewContext();
        (await db.ImprovementActions.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task An_action_is_followed_to_its_end_with_history_and_refuses_a_stale_version()
    {
        var (host, caseNumber) = await StartAsync();
        await using var _ = host;
        var created = await host.Get<CreateImprovementAction>().HandleAsync(Command(caseNumber), Coordinator, default);
        var change = host.Get<ChangeImprovementActionStatus>();

        host.Time.Advance(TimeSpan.FromHours(1));
        var started = await change.HandleAsync(new(created.Number, 1, ImprovementActionStatus.InProgress, null), Responsible, default);
        started.Action.Status.Should().Be(ImprovementActionStatus.InProgress);
        var noted = await host.Get<AddImprovementFollowUp>().HandleAsync(new(created.Number, "Borrador enviado a comunicaciones."), Responsible, default);
        noted.FollowUps.Should().ContainSingle().Which.Text.Should().Be("Borrador enviado a comunicaciones.");

        var stale = () => change.HandleAsync(new(created.Number, started.Version, ImprovementActionStatus.Done, "Publicada."), Coordinator, default);
        (await stale.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(ImprovementRules.Changed);

        var done = await change.HandleAsync(new(created.Number, noted.Version, ImprovementActionStatus.Done, "Guía publicada en la intranet."), Coordinator, default);
        done.Action.Status.Should().Be(ImprovementActionStatus.Done);
        done.Action.ClosedAt.Should().Be(host.Time.GetUtcNow());
        done.Outcome.Should().Be("Guía publicada en la intranet.");
        done.History.Select(h => h.Kind).Should().Equal(
            ImprovementHistoryKind.Created, ImprovementHistoryKind.StatusChanged, ImprovementHistoryKind.FollowUpAdded, ImprovementHistoryKind.StatusChanged);
        done.History.Should().OnlyContain(h => h.At.Offset == TimeSpan.Zero);
        done.AllowedTargets.Should().BeEmpty();
        done.MayFollowUp.Should().BeFalse();
        var after = () => host.Get<AddImprovementFollowUp>().HandleAsync(new(created.Number, "Tarde."), Coordinator, default);
        (await after.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be($"La acción de mejora {created.Number} está cumplida: ya no admite cambios.");
    }

    [Fact]
    public async Task Reassigning_tells_the_new_responsible_and_the_old_one_no_longer_sees_it()
    {
        var (host, caseNumber) = await StartAsync();
        await using var _ = host;
        var created = await host.Get<CreateImprovementAction>().HandleAsync(Command(caseNumber), Coordinator, default);
        var noReason = () => host.Get<EditImprovementAction>().HandleAsync(new(created.Number, null, DemoPeople.Agent2, null, null), Lead, default);
        (await noReason.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(ImprovementRules.ChangeReasonRequired);

        var moved = await host.Get<EditImprovementAction>().HandleAsync(
            new(created.Number, null, DemoPeople.Agent2, Today.AddDays(20), "Agente con experiencia en correo."), Lead, default);
        moved.Action.ResponsibleId.Should().Be(DemoPeople.Agent2);
        moved.Action.DueOn.Should().Be(Today.AddDays(20));
        moved.History.Single(h => h.Kind == ImprovementHistoryKind.Reassigned).To.Should().Be(moved.Action.ResponsibleName);
        await using var db = host.NewContext();
        (await db.PortalNotifications.CountAsync(n => n.PersonId == DemoPeople.Agent2 && n.Kind == MessageKind.ImprovementActionAssigned)).Should().Be(1);
        var old = () => host.Get<GetImprovementAction>().HandleAsync(created.Number, Responsible, default);
        await old.Should().ThrowAsync<NotFoundException>();
        (await host.Get<GetImprovementAction>().HandleAsync(created.Number, OtherAgent, default)).MayEdit.Should().BeFalse();
    }

    [Fact]
    public async Task The_list_filters_by_state_responsible_and_overdue_and_a_technician_sees_only_theirs()
    {
        var (host, caseNumber) = await StartAsync();
        await using var _ = host;
        var create = host.Get<CreateImprovementAction>();
        var soon = await create.HandleAsync(Command(caseNumber, due: Today.AddDays(1)), Coordinator, default);
        var later = await create.HandleAsync(Command(caseNumber, due: Today.AddDays(30), responsible: DemoPeople.Agent2), Coordinator, default);
        var closed = await create.HandleAsync(Command(caseNumber, due: Today.AddDays(1)), Coordinator, default);
        await host.Get<ChangeImprovementActionStatus>().HandleAsync(new(closed.Number, null, ImprovementActionStatus.Discarded, "Duplicada."), Coordinator, default);
        host.Time.Advance(TimeSpan.FromDays(3));
        var list = host.Get<ListImprovementActions>();

        (await list.HandleAsync(new(), Jefe, default)).Select(r => r.Number).Should().Equal(soon.Number, later.Number, closed.Number);
        (await list.HandleAsync(new(OverdueOnly: true), Lead, default)).Should().ContainSingle().Which.Should().Match<ImprovementActionRow>(r => r.Number == soon.Number && r.Overdue);
        (await list.HandleAsync(new(Status: ImprovementActionStatus.Discarded), Coordinator, default)).Select(r => r.Number).Should().Equal(closed.Number);
        (await list.HandleAsync(new(ResponsibleId: DemoPeople.Agent2), Coordinator, default)).Select(r => r.Number).Should().Equal(later.Number);
        (await list.HandleAsync(new(), OtherAgent, default)).Select(r => r.Number).Should().Equal(later.Number);
    }

    [Fact]
    public async Task The_months_lists_hold_the_actions_opened_due_and_done_in_it()
    {
        var (host, caseNumber) = await StartAsync();
        await using var _ = host;
        var create = host.Get<CreateImprovementAction>();
        var dueInMarch = await create.HandleAsync(Command(caseNumber, due: new DateOnly(2026, 3, 31)), Coordinator, default);
        var dueInApril = await create.HandleAsync(Command(caseNumber, due: new DateOnly(2026, 4, 1)), Coordinator, default);
        host.Time.Advance(TimeSpan.FromDays(3));
        await host.Get<ChangeImprovementActionStatus>().HandleAsync(new(dueInApril.Number, null, ImprovementActionStatus.Done, "Hecho."), Coordinator, default);
        host.Time.Advance(TimeSpan.FromDays(31));
        var april = await create.HandleAsync(Command(caseNumber, due: new DateOnly(2026, 4, 20)), Coordinator, default);

        var march = await host.Get<ListImprovementActionsOfMonth>().HandleAsync(new YearMonth(2026, 3), Jefe, default);
        march.Opened.Select(r => r.Number).Should().Equal(dueInMarch.Number, dueInApril.Number);
        march.Due.Select(r => r.Number).Should().Equal(dueInMarch.Number);
        march.Due.Single().Overdue.Should().BeTrue("it was still open when March ended");
        march.Done.Select(r => r.Number).Should().Equal(dueInApril.Number);

        var aprilLists = await host.Get<ListImprovementActionsOfMonth>().HandleAsync(new YearMonth(2026, 4), CurrentUser.System, default);
        aprilLists.Opened.Select(r => r.Number).Should().Equal(april.Number);
        aprilLists.Due.Select(r => r.Number).Should().Equal(dueInApril.Number, april.Number);
        aprilLists.Done.Should().BeEmpty();
    }

    [Fact]
    public async Task The_sweep_tells_the_responsible_once_when_due_is_near_and_once_when_overdue()
    {
        var (host, caseNumber) = await StartAsync();
        await using var _ = host;
        var created = await host.Get<CreateImprovementAction>().HandleAsync(Command(caseNumber, due: new DateOnly(2026, 3, 6)), Coordinator, default);
        var sweep = host.Get<ImprovementActionSweep>();

        (await sweep.RunAsync(default)).Should().Be(0, "Friday 6 March is more than two business days from Monday");
        host.Time.Advance(TimeSpan.FromDays(3));
        (await sweep.RunAsync(default)).Should().Be(1, "on Thursday the due date is near");
        (await sweep.RunAsync(default)).Should().Be(0, "once");
        host.Time.Advance(TimeSpan.FromDays(2));
        (await sweep.RunAsync(default)).Should().Be(1, "on Saturday the due day has passed");
        (await sweep.RunAsync(default)).Should().Be(0, "once");
        await using var db = host.NewContext();
        var kinds = await db.PortalNotifications.Where(n => n.PersonId == DemoPeople.Agent1 && n.CaseNumber == created.Number)
            .OrderBy(n => n.CreatedAt).Select(n => n.Kind).ToListAsync();
        kinds.Should().Equal(MessageKind.ImprovementActionAssigned, MessageKind.ImprovementActionDueSoon, MessageKind.ImprovementActionOverdue);
        (await db.OutboxMessages.CountAsync(m => m.Kind == MessageKind.ImprovementActionOverdue)).Should().Be(1);
    }

    [Fact]
    public async Task Who_may_do_what_requester_and_agent_refused_lead_and_coordinator_allowed_Jefe_reads_only()
    {
        var (host, caseNumber) = await StartAsync();
        await using var _ = host;
        var create = host.Get<CreateImprovementAction>();
        foreach (var refused in new[] { Requester, OtherAgent, Jefe })
        {
            var act = () => create.HandleAsync(Command(caseNumber), refused, default);
            await act.Should().ThrowAsync<ForbiddenException>();
        }

        var created = await create.HandleAsync(Command(caseNumber), Lead, default);
        var list = () => host.Get<ListImprovementActions>().HandleAsync(new(), Requester, default);
        await list.Should().ThrowAsync<ForbiddenException>();
        var month = () => host.Get<ListImprovementActionsOfMonth>().HandleAsync(new YearMonth(2026, 3), OtherAgent, default);
        await month.Should().ThrowAsync<ForbiddenException>();
        var requesterReads = () => host.Get<GetImprovementAction>().HandleAsync(created.Number, Requester, default);
        await requesterReads.Should().ThrowAsync<NotFoundException>("out of reach answers as missing");
        var otherReads = () => host.Get<GetImprovementAction>().HandleAsync(created.Number, OtherAgent, default);
        await otherReads.Should().ThrowAsync<NotFoundException>();

        var jefeView = await host.Get<GetImprovementAction>().HandleAsync(created.Number, Jefe, default);
        jefeView.AllowedTargets.Should().BeEmpty();
        jefeView.MayFollowUp.Should().BeFalse();
        var jefeChanges = () => host.Get<ChangeImprovementActionStatus>().HandleAsync(new(created.Number, null, ImprovementActionStatus.InProgress, null), Jefe, default);
        await jefeChanges.Should().ThrowAsync<ForbiddenException>();

        var responsibleView = await host.Get<GetImprovementAction>().HandleAsync(created.Number, Responsible, default);
        responsibleView.AllowedTargets.Should().Equal(ImprovementActionStatus.InProgress);
        responsibleView.MayFollowUp.Should().BeTrue();
        var responsibleCloses = () => host.Get<ChangeImprovementActionStatus>().HandleAsync(new(created.Number, null, ImprovementActionStatus.Done, "Hecho."), Responsible, default);
        await responsibleCloses.Should().ThrowAsync<ForbiddenException>();

        var leadCloses = await host.Get<ChangeImprovementActionStatus>().HandleAsync(new(created.Number, null, ImprovementActionStatus.Done, "Hecho."), Lead, default);
        leadCloses.Action.Status.Should().Be(ImprovementActionStatus.Done);
    }

    [Fact]
    public async Task A_lead_cannot_link_a_case_outside_their_categories()
    {
        var (host, caseNumber) = await StartAsync();
        await using var _ = host;
        var otherLead = CurrentUser.Person(DemoPeople.LeadMisional, PersonRoles.Agent | PersonRoles.TechnicalLead);
        var act = () => host.Get<CreateImprovementAction>().HandleAsync(Command(caseNumber), otherLead, default);
        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be($"No se encontró el caso {caseNumber}.");
    }
}
