using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Core.Visits;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Visits;

/// <summary>
/// Site visits to a dependencia (procedure activity 4) through the use cases on a real database: planned, rescheduled,
/// cancelled and done; the requester told in her conversation; business time by the entity's calendar; refusals in Spanish.
/// The host's clock starts on Thursday 19 March 2026 at 09:00 in Bogotá; Monday 23 March is a holiday (San José, Ley 51 de 1983).
/// </summary>
public sealed class SiteVisitTests
{
    private static readonly DateTimeOffset Thursday = new(2026, 3, 19, 9, 0, 0, TimeSpan.FromHours(-5));
    private static readonly DateTime FridayAt4pm = new(2026, 3, 20, 16, 0, 0);
    private static readonly DateTime TuesdayAt9am = new(2026, 3, 24, 9, 0, 0);
    private static readonly CurrentUser Assignee = CoreHost.Agent(DemoPeople.Agent1);
    private const string Purpose = "Revisar la conexión de red del equipo de la recepción.";

    private static async Task<(CoreHost Host, string Number)> CaseAsync()
    {
        var host = await CoreHost.StartAsync(Thursday);
        var filed = await host.FileAsync();
        await using var db = host.NewContext();
        var groupId = await db.Cases.Where(x => x.Number == filed.Number).Select(x => x.AssignedGroupId!.Value).SingleAsync();
        await host.Get<AssignCase>().HandleAsync(
            new AssignCaseCommand(filed.Number, null, DemoPeople.Agent1, groupId, "Preparación de la prueba."), CurrentUser.System, default);
        return (host, filed.Number);
    }

    private static Task<CaseChangeResult> PlanAsync(
        CoreHost host, string number, CurrentUser user, DateTime? at = null, IReadOnlyList<Guid>? staff = null, string purpose = Purpose,
        string dependency = "Dirección Jurídica") =>
        host.Get<PlanSiteVisit>().HandleAsync(
            new PlanSiteVisitCommand(number, null, dependency, at ?? FridayAt4pm, staff ?? [DemoPeople.Agent1, DemoPeople.Agent2], purpose,
                "Tenga encendido el equipo."), user, default);

    private static async Task<SiteVisitRow> OnlyVisitAsync(CoreHost host, string number) =>
        (await host.Get<GetCaseVisits>().HandleAsync(number, Assignee, default)).Visits.Should().ContainSingle().Subject;

    private static string Local(DateTime local) => local.ToString("dddd d 'de' MMMM 'de' yyyy, h:mm tt", DomainMessages.Culture);

    [Fact]
    public async Task Planning_a_visit_is_recorded_and_the_requester_reads_the_date_in_Colombian_format_and_what_to_prepare()
    {
        var (host, number) = await CaseAsync();
        await using var _ = host;
        var before = await host.LoadAsync(number);

        await PlanAsync(host, number, Assignee);

        var visit = await OnlyVisitAsync(host, number);
        visit.Status.Should().Be(SiteVisitStatus.Planned);
        visit.Dependency.Should().Be("Dirección Jurídica");
        visit.ScheduledAt.Should().Be(new DateTimeOffset(FridayAt4pm, TimeSpan.FromHours(-5)));
        visit.Staff.Should().HaveCount(2);
        var after = await host.LoadAsync(number);
        after.Version.Should().BeGreaterThan(before.Version);
        after.Status.Should().Be(before.Status, "a visit does not move the case");
        var line = after.History.Should().ContainSingle(h => h.Action == CaseAction.VisitPlanned).Subject;
        line.ActorId.Should().Be(DemoPeople.Agent1);
        line.Detail.Should().Contain("Dirección Jurídica").And.Contain(Purpose);

        var requester = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None);
        var details = await host.Get<GetCaseDetails>().HandleAsync(number, requester, default);
        var message = details.Messages.Should().ContainSingle(m => m.Kind == CaseMessageKind.SiteVisit).Subject;
        message.IsInternal.Should().BeFalse();
        message.Text.Should().Be(
            $"Programamos una visita a su dependencia (Dirección Jurídica).\nFecha y hora: {Local(FridayAt4pm)}\nPropósito: {Purpose}\n"
            + "Para la visita, por favor: Tenga encendido el equipo.");
        message.Text.Should().Contain("viernes 20 de marzo de 2026, 4:00");

        await using var db = host.NewContext();
        (await db.OutboxMessages.AsNoTracking().CountAsync(m => m.CaseId == after.Id && m.Kind == MessageKind.DeskMessage && m.RecipientId == DemoPeople.Requester))
            .Should().Be(1, "the requester is told by e-mail like of any desk message");
        (await db.PortalNotifications.AsNoTracking().CountAsync(n => n.CaseId == after.Id && n.Kind == MessageKind.DeskMessage && n.PersonId == DemoPeople.Requester))
            .Should().Be(1);
    }

    [Fact]
    public async Task A_planned_visit_is_rescheduled_then_cancelled_with_reasons_the_requester_reads_and_a_cancelled_one_cannot_be_done()
    {
        var (host, number) = await CaseAsync();
        await using var _ = host;
        await PlanAsync(host, number, Assignee);
        var id = (await OnlyVisitAsync(host, number)).Id;
        var later = new DateTime(2026, 3, 25, 10, 30, 0);

        await host.Get<RescheduleSiteVisit>().HandleAsync(
            new RescheduleSiteVisitCommand(number, null, id, later, "El técnico está incapacitado."), Assignee, default);
        var moved = await OnlyVisitAsync(host, number);
        moved.ScheduledAt.Should().Be(new DateTimeOffset(later, TimeSpan.FromHours(-5)));
        moved.RescheduleCount.Should().Be(1);

        await host.Get<CancelSiteVisit>().HandleAsync(new CancelSiteVisitCommand(number, null, id, "Se resolvió de forma remota."), Assignee, default);
        var cancelled = await OnlyVisitAsync(host, number);
        cancelled.Status.Should().Be(SiteVisitStatus.Cancelled);
        cancelled.CancelReason.Should().Be("Se resolvió de forma remota.");

        var details = await host.Get<GetCaseDetails>().HandleAsync(number, CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);
        var texts = details.Messages.Where(m => m.Kind == CaseMessageKind.SiteVisit).Select(m => m.Text).ToList();
        texts.Should().HaveCount(3);
        texts[1].Should().Contain(Local(FridayAt4pm)).And.Contain(Local(later)).And.Contain("El técnico está incapacitado.");
        texts[2].Should().StartWith("Cancelamos la visita a su dependencia (Dirección Jurídica) prevista para el " + Local(later) + "\nMotivo: ").And.Contain("Se resolvió de forma remota.");
        var history = (await host.LoadAsync(number)).History.Select(h => h.Action).ToList();
        history.Should().Contain([CaseAction.VisitPlanned, CaseAction.VisitRescheduled, CaseAction.VisitCancelled]);

        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 26, 9, 0, 0, TimeSpan.FromHours(-5)));
        var done = () => host.Get<RecordSiteVisitDone>().HandleAsync(new RecordSiteVisitDoneCommand(
            number, null, id, [DemoPeople.Agent1], later, later.AddHours(1), "Todo bien."), Assignee, default);
        (await done.Should().ThrowAsync<DomainException>()).Which.Message.Should()
            .Be("La visita ya está cancelada: solo una visita programada se puede reprogramar, cancelar o registrar como realizada.");
    }

    [Fact]
    public async Task A_visit_done_across_a_weekend_and_a_holiday_counts_only_business_time_and_the_requester_reads_the_findings()
    {
        var (host, number) = await CaseAsync();
        await using var _ = host;
        await PlanAsync(host, number, Assignee);
        var id = (await OnlyVisitAsync(host, number)).Id;
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 24, 12, 0, 0, TimeSpan.FromHours(-5)));

        // Friday 16:00 to Tuesday 09:00: one hour on Friday, none on Saturday, Sunday and the Monday holiday, one on Tuesday.
        await host.Get<RecordSiteVisitDone>().HandleAsync(new RecordSiteVisitDoneCommand(
            number, null, id, [DemoPeople.Agent2], FridayAt4pm, TuesdayAt9am, "El cable de red estaba dañado; se cambió."), Assignee, default);

        var visit = await OnlyVisitAsync(host, number);
        visit.Status.Should().Be(SiteVisitStatus.Done);
        visit.BusinessTime.Should().Be(TimeSpan.FromHours(2));
        visit.Attendees.Should().ContainSingle();
        visit.Findings.Should().Be("El cable de red estaba dañado; se cambió.");
        var line = (await host.LoadAsync(number)).History.Should().ContainSingle(h => h.Action == CaseAction.VisitDone).Subject;
        line.Detail.Should().Contain("tiempo hábil: 2 h");
        var details = await host.Get<GetCaseDetails>().HandleAsync(number, CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);
        details.Messages.Last(m => m.Kind == CaseMessageKind.SiteVisit).Text.Should()
            .Be($"Visitamos su dependencia (Dirección Jurídica) el {Local(FridayAt4pm)}\nHallazgos: El cable de red estaba dañado; se cambió.");
    }

    [Fact]
    public async Task Bad_visits_are_refused_in_Spanish_and_the_case_stays_as_it_was()
    {
        var (host, number) = await CaseAsync();
        await using var _ = host;
        var before = await host.LoadAsync(number);

        async Task RefusedAsync(Func<Task> act, string message) =>
            (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().StartWith(message);

        await RefusedAsync(() => PlanAsync(host, number, Assignee, purpose: "  "), "Escriba el propósito de la visita: el usuario solicitante lo leerá.");
        await RefusedAsync(() => PlanAsync(host, number, Assignee, dependency: ""), "Escriba la dependencia que se visitará.");
        await RefusedAsync(() => PlanAsync(host, number, Assignee, staff: []), "Elija al menos una persona de la mesa de servicio que irá a la visita.");
        await RefusedAsync(() => PlanAsync(host, number, Assignee, staff: [DemoPeople.Requester]), "Solo puede ir a una visita personal activo de la mesa de servicio");
        await RefusedAsync(() => PlanAsync(host, number, Assignee, at: new DateTime(2026, 3, 18, 10, 0, 0)), "La visita debe programarse para después de ahora (jueves 19 de marzo de 2026");
        await RefusedAsync(() => PlanAsync(host, number, Assignee, at: new DateTime(2026, 3, 21, 10, 0, 0)), "El sábado 21 de marzo de 2026 no es día hábil");
        await RefusedAsync(() => PlanAsync(host, number, Assignee, at: new DateTime(2026, 3, 23, 10, 0, 0)), "El lunes 23 de marzo de 2026 no es día hábil");

        var after = await host.LoadAsync(number);
        after.Version.Should().Be(before.Version);
        after.History.Should().NotContain(h => h.Action == CaseAction.VisitPlanned);

        await PlanAsync(host, number, Assignee);
        var id = (await OnlyVisitAsync(host, number)).Id;
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 24, 12, 0, 0, TimeSpan.FromHours(-5)));
        await RefusedAsync(() => host.Get<RecordSiteVisitDone>().HandleAsync(new RecordSiteVisitDoneCommand(
            number, null, id, [DemoPeople.Agent1], TuesdayAt9am, FridayAt4pm, "Listo."), Assignee, default), "La hora de fin (viernes 20 de marzo de 2026");
        await RefusedAsync(() => host.Get<RecordSiteVisitDone>().HandleAsync(new RecordSiteVisitDoneCommand(
            number, null, id, [DemoPeople.Agent1], FridayAt4pm, TuesdayAt9am, ""), Assignee, default), "Escriba los hallazgos de la visita");
        await RefusedAsync(() => host.Get<RecordSiteVisitDone>().HandleAsync(new RecordSiteVisitDoneCommand(
            number, null, id, [DemoPeople.Agent1], TuesdayAt9am, TuesdayAt9am.AddHours(5), "Listo."), Assignee, default), "Una visita realizada no puede terminar después de ahora");
        await RefusedAsync(() => host.Get<RescheduleSiteVisit>().HandleAsync(
            new RescheduleSiteVisitCommand(number, null, id, new DateTime(2026, 3, 25, 9, 0, 0), " "), Assignee, default), "Escriba el motivo: el usuario solicitante lo leerá.");
        (await OnlyVisitAsync(host, number)).Status.Should().Be(SiteVisitStatus.Planned);
    }

    [Fact]
    public async Task A_closed_case_admits_no_visit()
    {
        var (host, number) = await CaseAsync();
        await using var _ = host;
        await PlanAsync(host, number, Assignee);
        var id = (await OnlyVisitAsync(host, number)).Id;
        var system = CurrentUser.System;
        await host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), system, default);
        await host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, "Solución."), system, default);
        await host.Get<ReportNovedad>().HandleAsync(new ReportNovedadCommand(number, null, "No quedó bien."), system, default);
        await host.Get<CloseCase>().HandleAsync(new CloseCaseCommand(number, null, CloseOutcome.NoFurtherSolution, "No hay otra solución."), system, default);

        var plan = () => PlanAsync(host, number, Assignee, at: new DateTime(2026, 3, 25, 9, 0, 0));
        (await plan.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be($"El caso {number} está cerrado: ya no admite visitas.");
        var cancel = () => host.Get<CancelSiteVisit>().HandleAsync(new CancelSiteVisitCommand(number, null, id, "Ya no hace falta."), Assignee, default);
        (await cancel.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be($"El caso {number} está cerrado: ya no admite visitas.");
        (await host.Get<GetCaseVisits>().HandleAsync(number, Assignee, default)).CanManage.Should().BeFalse();
    }

    [Fact]
    public async Task The_staff_who_work_the_case_may_plan_visits_the_requester_and_the_Jefe_may_not_and_others_do_not_see_the_case()
    {
        var (host, number) = await CaseAsync();
        await using var _ = host;
        var day = FridayAt4pm;
        foreach (var allowed in new[]
        {
            CoreHost.Agent(DemoPeople.Agent2), CurrentUser.Person(DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead),
            CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator),
        })
        {
            day = day.AddMinutes(30);
            await PlanAsync(host, number, allowed, at: day);
        }

        var requester = () => PlanAsync(host, number, CurrentUser.Person(DemoPeople.Requester, PersonRoles.None));
        (await requester.Should().ThrowAsync<ForbiddenException>()).Which.Message.Should().Contain("programar o registrar visitas en este caso");
        var jefe = () => PlanAsync(host, number, CurrentUser.Person(DemoPeople.Jefe, PersonRoles.Jefe));
        await jefe.Should().ThrowAsync<ForbiddenException>();
        var outside = () => PlanAsync(host, number, CoreHost.Agent(DemoPeople.Agent4));
        await outside.Should().ThrowAsync<NotFoundException>();
        (await host.Get<GetCaseVisits>().HandleAsync(number, CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default))
            .Should().Match<CaseVisits>(v => v.Visits.Count == 3 && !v.CanManage && v.StaffOptions.Count == 0);
    }

    [Fact]
    public async Task The_expediente_lists_the_visits_their_business_time_and_findings_and_their_history_lines()
    {
        var (host, number) = await CaseAsync();
        await using var _ = host;
        await PlanAsync(host, number, Assignee);
        var id = (await OnlyVisitAsync(host, number)).Id;
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 24, 12, 0, 0, TimeSpan.FromHours(-5)));
        await host.Get<RecordSiteVisitDone>().HandleAsync(new RecordSiteVisitDoneCommand(
            number, null, id, [DemoPeople.Agent2], FridayAt4pm, TuesdayAt9am, "El cable de red estaba dañado; se cambió."), Assignee, default);

        var file = await host.Get<Core.CaseFiles.GetCaseFile>().HandleAsync(number, Assignee, default);
        using var output = new MemoryStream();
        host.Get<Core.CaseFiles.CaseFilePdf>().Render(file, CaseFiles.CaseFileFixture.Branding, output);
        var text = string.Join(" ", CaseFiles.CaseFileFixture.Pages(output.ToArray()));

        text.Should().Contain("6. Visitas a la dependencia").And.Contain("Realizada").And.Contain("Tiempo hábil: 2 h")
            .And.Contain("El cable de red estaba dañado; se cambió.").And.Contain("Dirección Jurídica");
        text.Should().Contain("Visita a la dependencia programada").And.Contain("Visita a la dependencia realizada");
    }

    [Fact]
    public async Task The_monthly_report_counts_the_visits_done_in_the_month_by_dependencia_with_their_business_time()
    {
        var (host, number) = await CaseAsync();
        await using var _ = host;
        await PlanAsync(host, number, Assignee);
        await PlanAsync(host, number, Assignee, at: FridayAt4pm.AddHours(-6));
        var ids = (await host.Get<GetCaseVisits>().HandleAsync(number, Assignee, default)).Visits.Select(v => v.Id).ToList();
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 24, 12, 0, 0, TimeSpan.FromHours(-5)));
        await host.Get<RecordSiteVisitDone>().HandleAsync(new RecordSiteVisitDoneCommand(
            number, null, ids[0], [DemoPeople.Agent2], FridayAt4pm, TuesdayAt9am, "Cable cambiado."), Assignee, default);
        await host.Get<CancelSiteVisit>().HandleAsync(new CancelSiteVisitCommand(number, null, ids[1], "Ya no hace falta."), Assignee, default);

        var report = await host.Get<Core.Reports.ComputeMonthlyReport>().HandleAsync(new Core.Reports.YearMonth(2026, 3), default);

        report.SiteVisits.Should().NotBeNull();
        report.SiteVisits!.Done.Should().Be(1, "a cancelled visit is not done");
        report.SiteVisits.BusinessTime.Should().Be(TimeSpan.FromHours(2));
        report.SiteVisits.ByDependency.Should().ContainSingle().Which.Should()
            .Be(new Core.Reports.SiteVisitsByDependency("Dirección Jurídica", 1, TimeSpan.FromHours(2)));
        var april = await host.Get<Core.Reports.ComputeMonthlyReport>().HandleAsync(new Core.Reports.YearMonth(2026, 4), default);
        april.SiteVisits!.Done.Should().Be(0);
    }
}
