using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.LegalTerms;

/// <summary>
/// "Prorrogar término legal" through the use case on a real database: who may, the requester told in her conversation,
/// by portal notice and e-mail with the new date and the reason, and an extension beyond double refused in Spanish.
/// A petición (15 business days) radicated on Monday 2 March 2026 at 09:00 in Bogotá.
/// </summary>
public sealed class ExtendLegalTermTests
{
    private static readonly DateTimeOffset Filed = CaseBuilder.MondayMorning;
    private const string Reason = "Debemos pedir el contrato al archivo central, que tarda diez días hábiles en enviarlo.";

    private static async Task<(CoreHost Host, string Number, Guid Assignee)> PqrsAsync()
    {
        var host = await CoreHost.StartAsync(Filed);
        var number = await PqrsCases.FileAsync(host, PqrsModality.Peticion, Filed);
        await using var db = host.NewContext();
        var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Number == number);
        await host.Get<AssignCase>().HandleAsync(
            new AssignCaseCommand(number, null, DemoPeople.Agent1, c.AssignedGroupId!.Value, "Preparación de la prueba."), CurrentUser.System, default);
        return (host, number, DemoPeople.Agent1);
    }

    private static Task<CaseChangeResult> ExtendAsync(CoreHost host, string number, CurrentUser user, DateOnly day, string reason = Reason) =>
        host.Get<ExtendLegalTerm>().HandleAsync(new ExtendLegalTermCommand(number, null, day, reason), user, default);

    [Fact]
    public async Task The_assignee_extends_within_double_and_the_requester_reads_the_new_date_and_the_reason()
    {
        var (host, number, assignee) = await PqrsAsync();
        await using var _ = host;
        var before = await host.LoadAsync(number);
        var day = PqrsCases.NthBusinessDay(host, Filed, 25);

        await ExtendAsync(host, number, CoreHost.Agent(assignee), day);

        var after = await host.LoadAsync(number);
        after.LegalTermDays.Should().Be(25);
        after.LegalDueAt.Should().BeAfter(before.LegalDueAt!.Value);
        var line = after.History.Should().ContainSingle(h => h.Action == CaseAction.LegalTermExtended).Subject;
        line.ActorId.Should().Be(assignee);
        line.Detail.Should().Be(Reason);

        var requester = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None);
        var details = await host.Get<GetCaseDetails>().HandleAsync(number, requester, default);
        var message = details.Messages.Should().ContainSingle(m => m.Kind == CaseMessageKind.LegalTermExtension).Subject;
        message.IsInternal.Should().BeFalse();
        message.Text.Should().Contain(Reason).And.Contain("Ley 1755 de 2015, art. 14");
        var newDate = after.LegalDueAt!.Value.ToOffset(TimeSpan.FromHours(-5)).ToString("dddd d 'de' MMMM 'de' yyyy", DomainMessages.Culture);
        message.Text.Should().Contain(newDate);
        details.Legal.Extended.Should().BeTrue();

        await using var db = host.NewContext();
        var mail = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.CaseId == after.Id && m.Kind == MessageKind.LegalTermExtended);
        mail.RecipientId.Should().Be(DemoPeople.Requester);
        mail.Subject.Should().Be($"Caso {number}: ampliamos el plazo para responder su petición");
        mail.TextBody.Should().Contain(Reason).And.Contain(newDate)
            .And.Contain("/respuesta/", "the seed's requester has no account: her e-mail carries her signed link");
        var notice = await db.PortalNotifications.AsNoTracking()
            .SingleAsync(n => n.CaseId == after.Id && n.Kind == MessageKind.LegalTermExtended);
        notice.PersonId.Should().Be(DemoPeople.Requester);
        notice.Text.Should().Be($"Caso {number}: se amplió el plazo para responder su petición.");
        (await db.OutboxMessages.CountAsync(m => m.CaseId == after.Id && m.Kind == MessageKind.LegalTermExtended && m.RecipientId == assignee))
            .Should().Be(0, "nobody is told of their own action");
    }

    [Fact]
    public async Task Beyond_double_the_initial_term_is_refused_in_Spanish_and_the_case_stays_as_it_was()
    {
        var (host, number, assignee) = await PqrsAsync();
        await using var _ = host;
        var before = await host.LoadAsync(number);

        var act = () => ExtendAsync(host, number, CoreHost.Agent(assignee), PqrsCases.NthBusinessDay(host, Filed, 31));

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should()
            .StartWith("La prórroga no puede exceder el doble del término inicial (15 días hábiles, hasta 30): el último vencimiento posible es el ");
        var after = await host.LoadAsync(number);
        after.LegalDueAt.Should().Be(before.LegalDueAt);
        after.Version.Should().Be(before.Version);
        after.History.Should().NotContain(h => h.Action == CaseAction.LegalTermExtended);

        // Exactly double is allowed, once.
        await ExtendAsync(host, number, CoreHost.Agent(assignee), PqrsCases.NthBusinessDay(host, Filed, 30));
        var again = () => ExtendAsync(host, number, CoreHost.Agent(assignee), PqrsCases.NthBusinessDay(host, Filed, 30));
        (await again.Should().ThrowAsync<DomainException>()).Which.Message.Should().StartWith("El término ya fue prorrogado hasta el ");
    }

    [Fact]
    public async Task The_assignee_the_category_lead_and_the_coordinator_may_extend_others_may_not()
    {
        await using var host = await CoreHost.StartAsync(Filed);
        var day = PqrsCases.NthBusinessDay(host, Filed, 20);
        var people = new (string Who, CurrentUser User, Type? Refusal)[]
        {
            ("requester", CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), typeof(ForbiddenException)),
            ("Jefe OTIC", CurrentUser.Person(DemoPeople.Jefe, PersonRoles.Jefe), typeof(ForbiddenException)),
            ("agent of the group, not the assignee", CurrentUser.Person(DemoPeople.Agent2, PersonRoles.Agent), typeof(ForbiddenException)),
            ("agent outside the group", CurrentUser.Person(DemoPeople.Agent4, PersonRoles.Agent), typeof(NotFoundException)),
            ("lead of another category", CurrentUser.Person(DemoPeople.LeadMisional, PersonRoles.Agent | PersonRoles.TechnicalLead), typeof(NotFoundException)),
            ("assignee", CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent), null),
            ("lead of the category", CurrentUser.Person(DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead), null),
            ("coordinator", CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator), null),
        };

        foreach (var (who, user, refusal) in people)
        {
            var number = await PqrsCases.FileAsync(host, PqrsModality.Peticion, Filed);
            await using (var db = host.NewContext())
            {
                var group = await db.Cases.Where(x => x.Number == number).Select(x => x.AssignedGroupId!.Value).SingleAsync();
                await host.Get<AssignCase>().HandleAsync(new AssignCaseCommand(number, null, DemoPeople.Agent1, group, "Prueba."), CurrentUser.System, default);
            }

            var act = () => ExtendAsync(host, number, user, day);
            if (refusal is null)
            {
                await act.Should().NotThrowAsync(who);
                (await host.LoadAsync(number)).LegalTermDays.Should().Be(20, who);
            }
            else
            {
                (await act.Should().ThrowAsync<DomainException>(who)).Which.Should().BeOfType(refusal, who);
                (await host.LoadAsync(number)).LegalTermDays.Should().Be(15, who);
            }
        }
    }
}
