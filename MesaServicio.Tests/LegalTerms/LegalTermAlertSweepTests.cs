using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Sla;
using MesaServicio.Core.TimedWork;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.LegalTerms;

/// <summary>
/// The legal term's warnings at 75 % and 100 % (Ley 1755 de 2015, art. 14). A request for documents (10 business days)
/// radicated on Monday 2 March 2026 at 09:00 in Bogotá: counted from Tuesday 3, due on Monday 16 March at the close of
/// business. Thursday 12 at the close is 80 % (Wednesday 11 at the close, 70 %); both warnings go to the assignee, the
/// category's lead and every coordinator, once each, whatever the number of sweeps.
/// </summary>
public sealed class LegalTermAlertSweepTests
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    private static DateTimeOffset Mar(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, Bogota);

    private static Task<CoreHost> StartAsync() =>
        CoreHost.StartAsync(Mar(2, 9), s => s.AddMesaServicioTimedWork(new ConfigurationBuilder().Build()));

    private static async Task<int> SweepAsync(CoreHost host, DateTimeOffset at)
    {
        host.Time.SetUtcNow(at);
        return await host.Get<SlaSweep>().RunAsync(default);
    }

    private static async Task<List<SlaAlert>> LegalAlertsAsync(CoreHost host, Guid caseId)
    {
        await using var db = host.NewContext();
        return await db.SlaAlerts.AsNoTracking().Where(a => a.CaseId == caseId && a.Target == SlaTargetKind.LegalTerm).ToListAsync();
    }

    private static async Task<List<OutboxMessage>> MailsAsync(CoreHost host, Guid caseId, MessageKind kind)
    {
        await using var db = host.NewContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.CaseId == caseId && m.Kind == kind).ToListAsync();
    }

    private static async Task<List<Guid>> CoordinatorsAsync(CoreHost host)
    {
        await using var db = host.NewContext();
        var people = await db.People.AsNoTracking().Where(p => p.IsActive).Select(p => new { p.Id, p.Roles }).ToListAsync();
        return people.Where(p => p.Roles.HasFlag(PersonRoles.Coordinator)).Select(p => p.Id).ToList();
    }

    [Fact]
    public async Task At_75_and_100_percent_the_assignee_the_lead_and_the_coordinators_are_warned_once_each()
    {
        await using var host = await StartAsync();
        var number = await PqrsCases.FileAsync(host, PqrsModality.Documentos, Mar(2, 9));
        var c = await host.LoadAsync(number);
        c.LegalDueAt.Should().Be(Mar(16, 17), "ten business days counted from the day after radicación");
        c.AssigneeId.Should().NotBeNull();
        var expected = new[] { c.AssigneeId!.Value, DemoPeople.LeadFirstLevel }.Concat(await CoordinatorsAsync(host)).Distinct().ToList();
        expected.Should().Contain(DemoPeople.Coordinator);

        await SweepAsync(host, Mar(11, 17));
        (await LegalAlertsAsync(host, c.Id)).Should().BeEmpty("7 of 10 business days is 70 %");

        await SweepAsync(host, Mar(12, 17));
        await SweepAsync(host, Mar(13, 9));
        var atRisk = (await LegalAlertsAsync(host, c.Id)).Should().ContainSingle().Subject;
        atRisk.Threshold.Should().Be(SlaThreshold.AtRisk);
        atRisk.RaisedAt.Should().Be(Mar(12, 17));
        var warned = await MailsAsync(host, c.Id, MessageKind.LegalTermAtRisk);
        warned.Select(m => m.RecipientId!.Value).Should().BeEquivalentTo(expected);
        var mail = warned.First();
        mail.Subject.Should().Be($"Caso {number}: el término legal de la PQRS está en riesgo (75 %)");
        mail.TextBody.Should().Contain("modalidad petición de documentos o de información, término de 10 días hábiles; vence el lunes 16 de marzo de 2026, 5:00")
            .And.Contain("Ley 1755 de 2015, art. 14");

        await SweepAsync(host, Mar(16, 16, 59));
        (await LegalAlertsAsync(host, c.Id)).Should().ContainSingle("the term has not expired yet");
        await SweepAsync(host, Mar(16, 17));
        await SweepAsync(host, Mar(17, 9));
        (await LegalAlertsAsync(host, c.Id)).Select(a => a.Threshold).Should().BeEquivalentTo([SlaThreshold.AtRisk, SlaThreshold.Breached]);
        var expired = await MailsAsync(host, c.Id, MessageKind.LegalTermBreached);
        expired.Select(m => m.RecipientId!.Value).Should().BeEquivalentTo(expected);
        expired.First().Subject.Should().Be($"Caso {number}: venció el término legal de la PQRS");
        expired.First().TextBody.Should().Contain("venció el lunes 16 de marzo de 2026, 5:00");

        await using var db = host.NewContext();
        var history = await db.CaseHistory.AsNoTracking().Where(h => h.CaseId == c.Id
            && (h.Action == CaseAction.LegalTermAtRisk || h.Action == CaseAction.LegalTermBreached)).ToListAsync();
        history.Select(h => h.Action).Should().BeEquivalentTo([CaseAction.LegalTermAtRisk, CaseAction.LegalTermBreached]);
        history.Should().OnlyContain(h => h.ToValue == "2026-03-16T22:00:00Z" && h.ActorId == null);
        (await db.PortalNotifications.CountAsync(n => n.CaseId == c.Id && n.Kind == MessageKind.LegalTermAtRisk)).Should().Be(expected.Count);
        (await db.PortalNotifications.CountAsync(n => n.CaseId == c.Id && n.Kind == MessageKind.LegalTermBreached)).Should().Be(expected.Count);
    }

    [Fact]
    public async Task An_answered_petition_and_a_case_without_legal_term_are_never_warned()
    {
        await using var host = await StartAsync();
        var number = await PqrsCases.FileAsync(host, PqrsModality.Documentos, Mar(2, 9));
        var plain = await host.FileAsync();
        await host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), Core.Security.CurrentUser.System, default);
        host.Time.SetUtcNow(Mar(5, 10));
        await host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, "Le enviamos la copia del contrato."), Core.Security.CurrentUser.System, default);

        await SweepAsync(host, Mar(13, 9));
        await SweepAsync(host, Mar(17, 9));

        await using var db = host.NewContext();
        (await db.SlaAlerts.CountAsync(a => a.Target == SlaTargetKind.LegalTerm)).Should().Be(0);
        (await db.OutboxMessages.CountAsync(m => m.Kind == MessageKind.LegalTermAtRisk || m.Kind == MessageKind.LegalTermBreached)).Should().Be(0);
        (await db.SlaAlerts.CountAsync(a => a.CaseId == plain.CaseId && a.Target != SlaTargetKind.LegalTerm)).Should().BeGreaterThan(0,
            "the ANS alerts go on as before");
    }
}
