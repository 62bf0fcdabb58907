using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;
using MesaServicio.Core.TimedWork;
using MesaServicio.Tests.Support;
using MesaServicio.Tests.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace MesaServicio.Tests.Sla;

/// <summary>
/// ANS alerts over a weekend and a holiday. A medium incident (seeded ANS: attend within 4 business hours,
/// resolve within 2 business days) filed on Friday 20 March 2026 at 15:00 in Bogotá: 2 hours count on Friday,
/// none on the weekend nor on Monday 23 (San José), the rest from Tuesday 24 at 08:00. Attention: 75 % (3 h) at
/// Tuesday 09:00, 100 % at 10:00. Resolution: 20 business hours, to Wednesday 25 at 17:00; 75 % (15 h) at
/// Wednesday 12:00.
/// </summary>
public class SlaAlertSweepTests
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    private static DateTimeOffset Mar(int day, int hour, int minute = 0, int second = 0) => new(2026, 3, day, hour, minute, second, Bogota);

    private static async Task<Case> FileOnFridayAsync(CoreHost host)
    {
        var filed = await host.FileAsync(impact: Impact.Medium, urgency: Urgency.Medium);
        var c = await host.LoadAsync(filed.Number);
        c.Priority.Should().Be(CasePriority.Medium);
        c.AttendDueAt.Should().Be(Mar(24, 10), "4 business hours: 2 on Friday, 2 on Tuesday after the weekend and the holiday");
        c.ResolveBaseDueAt.Should().Be(Mar(25, 17));
        return c;
    }

    private static Task<int> SweepAsync(CoreHost host) => host.Get<SlaSweep>().RunAsync(default);

    private static Task<CoreHost> StartAsync() =>
        CoreHost.StartAsync(Mar(20, 15), s => s.AddMesaServicioTimedWork(new ConfigurationBuilder().Build()));

    private static async Task<List<SlaAlert>> AlertsAsync(CoreHost host, Guid caseId)
    {
        await using var db = host.NewContext();
        return await db.SlaAlerts.AsNoTracking().Where(a => a.CaseId == caseId).ToListAsync();
    }

    private static async Task<List<OutboxMessage>> MailsAsync(CoreHost host, Guid caseId, MessageKind kind)
    {
        await using var db = host.NewContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.CaseId == caseId && m.Kind == kind).ToListAsync();
    }

    [Fact]
    public async Task The_attention_alert_at_75_percent_comes_at_the_right_business_instant_across_the_weekend_and_the_holiday()
    {
        await using var host = await StartAsync();
        var c = await FileOnFridayAsync(host);

        foreach (var notYet in new[] { Mar(20, 16, 59), Mar(21, 12), Mar(22, 18), Mar(23, 12), Mar(24, 8, 59, 59) })
        {
            host.Time.SetUtcNow(notYet);
            (await SweepAsync(host)).Should().Be(0, $"at {notYet:ddd d HH:mm:ss} less than 3 of the 4 business hours went by");
        }

        host.Time.SetUtcNow(Mar(24, 9));
        (await SweepAsync(host)).Should().Be(1);
        host.Time.SetUtcNow(Mar(24, 9, 30));
        (await SweepAsync(host)).Should().Be(0, "each threshold is raised once");
        (await SweepAsync(host)).Should().Be(0);

        var alert = (await AlertsAsync(host, c.Id)).Should().ContainSingle().Subject;
        alert.Should().Match<SlaAlert>(a => a.Target == SlaTargetKind.Attention && a.Threshold == SlaThreshold.AtRisk);
        alert.RaisedAt.Should().Be(Mar(24, 9));

        var mails = await MailsAsync(host, c.Id, MessageKind.SlaAtRisk);
        mails.Select(m => m.RecipientId).Should().BeEquivalentTo(new Guid?[] { c.AssigneeId, SeedData.DemoPeople.LeadFirstLevel });
        mails.Should().OnlyContain(m => m.Subject.Contains("ANS de atención", StringComparison.Ordinal) && m.Subject.Contains(c.Number, StringComparison.Ordinal));
        await using (var db = host.NewContext())
        {
            (await db.PortalNotifications.CountAsync(n => n.CaseId == c.Id && n.Kind == MessageKind.SlaAtRisk)).Should().Be(2);
        }

        var entry = (await host.LoadAsync(c.Number)).History.Should().ContainSingle(h => h.Action == CaseAction.SlaAtRisk).Subject;
        entry.ToValue.Should().Be(nameof(SlaTargetKind.Attention));
        entry.ActorId.Should().BeNull();
        entry.At.Should().Be(Mar(24, 9));
    }

    [Fact]
    public async Task At_100_percent_the_attention_clock_is_marked_breached_and_the_coordinator_is_told_once()
    {
        await using var host = await StartAsync();
        var c = await FileOnFridayAsync(host);
        host.Time.SetUtcNow(Mar(24, 9));
        await SweepAsync(host);

        host.Time.SetUtcNow(Mar(24, 9, 59, 59));
        (await SweepAsync(host)).Should().Be(0);
        host.Time.SetUtcNow(Mar(24, 10));
        (await SweepAsync(host)).Should().Be(1);
        host.Time.SetUtcNow(Mar(24, 15));
        (await SweepAsync(host)).Should().Be(0, "breached once; the resolution clock is at 45 %");

        (await AlertsAsync(host, c.Id)).Select(a => (a.Target, a.Threshold)).Should().BeEquivalentTo(
            [(SlaTargetKind.Attention, SlaThreshold.AtRisk), (SlaTargetKind.Attention, SlaThreshold.Breached)]);
        var breach = (await MailsAsync(host, c.Id, MessageKind.SlaBreached)).Should().ContainSingle().Subject;
        breach.RecipientId.Should().Be(SeedData.DemoPeople.Coordinator);
        breach.DedupKey.Should().Be($"mail:sla:{c.Id:N}:Attention:Breached:{SeedData.DemoPeople.Coordinator:N}");
        (await MailsAsync(host, c.Id, MessageKind.SlaAtRisk)).Should().HaveCount(2, "the at-risk notices are not repeated");
        var history = (await host.LoadAsync(c.Number)).History;
        history.Should().ContainSingle(h => h.Action == CaseAction.SlaBreached).Which.ToValue.Should().Be(nameof(SlaTargetKind.Attention));
        history.Should().ContainSingle(h => h.Action == CaseAction.SlaAtRisk);
    }

    [Fact]
    public async Task A_case_found_already_beyond_its_target_raises_both_alerts_so_the_assignee_hears_of_it()
    {
        await using var host = await StartAsync();
        var c = await FileOnFridayAsync(host);

        host.Time.SetUtcNow(Mar(24, 11));
        (await SweepAsync(host)).Should().Be(2);
        (await SweepAsync(host)).Should().Be(0);

        (await AlertsAsync(host, c.Id)).Select(a => a.Threshold).Should().BeEquivalentTo([SlaThreshold.AtRisk, SlaThreshold.Breached]);
        (await MailsAsync(host, c.Id, MessageKind.SlaAtRisk)).Select(m => m.RecipientId).Should().Contain(c.AssigneeId);
        (await MailsAsync(host, c.Id, MessageKind.SlaBreached)).Should().ContainSingle();
        (await host.LoadAsync(c.Number)).History.OrderBy(h => h.Id).Select(h => h.Action).Should().EndWith([CaseAction.SlaAtRisk, CaseAction.SlaBreached]);
    }

    [Fact]
    public async Task An_alert_is_a_line_of_the_case_history_and_an_agent_acting_on_the_version_seen_before_it_is_not_refused()
    {
        await using var host = await StartAsync();
        var c = await FileOnFridayAsync(host);
        host.Time.SetUtcNow(Mar(24, 11));
        (await SweepAsync(host)).Should().Be(2);

        var alerted = await host.LoadAsync(c.Number);
        alerted.Version.Should().Be(c.Version, "the sweep writes the case's history, nothing of the case's own row");
        alerted.History.Where(h => h.Action is CaseAction.SlaAtRisk or CaseAction.SlaBreached)
            .Should().HaveCount(2).And.OnlyContain(h => h.CaseId == c.Id && h.ActorId == null && h.At == Mar(24, 11));

        var attended = await host.Get<AttendCase>().HandleAsync(
            new AttendCaseCommand(c.Number, c.Version), await host.UserAsync(c.AssigneeId!.Value), default);
        attended.Status.Should().Be(CaseStatus.InProgress);
    }

    [Fact]
    public async Task An_attended_case_has_no_attention_alert_and_its_resolution_clock_raises_its_own()
    {
        await using var host = await StartAsync();
        var c = await FileOnFridayAsync(host);
        host.Time.SetUtcNow(Mar(20, 15, 30));
        await host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(c.Number, null), await host.UserAsync(c.AssigneeId!.Value), default);

        host.Time.SetUtcNow(Mar(24, 11));
        (await SweepAsync(host)).Should().Be(0, "attended in time, and the resolution clock is at 25 %");
        host.Time.SetUtcNow(Mar(25, 11, 59));
        (await SweepAsync(host)).Should().Be(0);
        host.Time.SetUtcNow(Mar(25, 12));
        (await SweepAsync(host)).Should().Be(1);
        host.Time.SetUtcNow(Mar(25, 17));
        (await SweepAsync(host)).Should().Be(1);
        host.Time.SetUtcNow(Mar(30, 9));
        (await SweepAsync(host)).Should().Be(0);

        (await AlertsAsync(host, c.Id)).Should().OnlyContain(a => a.Target == SlaTargetKind.Resolution).And.HaveCount(2);
        (await AlertsAsync(host, c.Id)).Single(a => a.Threshold == SlaThreshold.AtRisk).RaisedAt.Should().Be(Mar(25, 12));
        (await MailsAsync(host, c.Id, MessageKind.SlaAtRisk)).Should().OnlyContain(m => m.Subject.Contains("ANS de solución", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_resolved_case_raises_nothing_however_late()
    {
        await using var host = await StartAsync();
        var c = await FileOnFridayAsync(host);
        var agent = await host.UserAsync(c.AssigneeId!.Value);
        await host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(c.Number, null), agent, default);
        await host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(c.Number, null, "Se restableció la contraseña."), agent, default);

        host.Time.SetUtcNow(Mar(31, 9));
        (await SweepAsync(host)).Should().Be(0);
        (await AlertsAsync(host, c.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_instances_sweeping_at_once_raise_each_alert_once()
    {
        await using var host = await StartAsync();
        var cases = new List<Case>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add(await FileOnFridayAsync(host));
        }

        await using var other = SecondCoreInstance.Of(host);
        var here = host.Get<SlaSweep>();
        var there = other.Get<SlaSweep>();

        host.Time.SetUtcNow(Mar(24, 11));
        var raised = await Task.WhenAll(here.RunAsync(default), there.RunAsync(default), here.RunAsync(default), there.RunAsync(default));
        raised.Sum().Should().Be(2 * cases.Count);

        await using var db = host.NewContext();
        (await db.SlaAlerts.CountAsync()).Should().Be(2 * cases.Count);
        (await db.OutboxMessages.CountAsync(m => m.Kind == MessageKind.SlaBreached)).Should().Be(cases.Count);
        (await db.CaseHistory.CountAsync(h => h.Action == CaseAction.SlaBreached)).Should().Be(cases.Count);
        (await db.CaseHistory.CountAsync(h => h.Action == CaseAction.SlaAtRisk)).Should().Be(cases.Count);
    }
}
