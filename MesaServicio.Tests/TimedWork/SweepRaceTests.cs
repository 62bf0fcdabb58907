using MesaServicio.Core.Answers;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Improvement;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Security;
using MesaServicio.Core.TimedWork;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.TimedWork;

/// <summary>
/// Sweeps whose step goes through <see cref="ExactlyOnce"/>, run twice at the same moment on the run's database (SQLite,
/// or PostgreSQL with MESA_TEST_DATABASE=PostgreSql): the step is done once.
/// </summary>
public sealed class SweepRaceTests
{
    private static async Task<int[]> TwiceAtOnceAsync(ITimedWork sweep) =>
        await Task.WhenAll(Task.Run(() => sweep.RunAsync(CancellationToken.None)), Task.Run(() => sweep.RunAsync(CancellationToken.None)));

    /// <summary>A case waiting two business days on its requester's answer to a question.</summary>
    private static async Task<CaseChangeResult> QuestionDueForReminderAsync(CoreHost host)
    {
        var filed = await host.FileAsync();
        var agent = await host.UserAsync((await host.LoadAsync(filed.Number)).AssigneeId!.Value);
        await host.Get<AttendCase>().HandleAsync(new(filed.Number, null), agent, CancellationToken.None);
        await host.Get<WaitOnRequester>().HandleAsync(new(filed.Number, null, "¿Desde qué equipo intenta entrar?"), agent, CancellationToken.None);
        host.Time.Advance(TimeSpan.FromDays(2));
        return filed;
    }

    [Fact]
    public async Task Two_answer_reminder_runs_at_once_remind_the_requester_once()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await QuestionDueForReminderAsync(host);

        var runs = await TwiceAtOnceAsync(host.Get<AnswerReminderSweep>());

        runs.Sum().Should().Be(1);
        await using var db = host.NewContext();
        (await db.PortalNotifications.CountAsync(n => n.Kind == MessageKind.AnswerReminder)).Should().Be(1);
        (await db.AnswerInvitations.SingleAsync(i => i.CaseId == filed.CaseId && i.RemindAt != null)).RemindedAt.Should().Be(host.Time.GetUtcNow());
    }

    [Fact]
    public async Task An_answer_reminder_claim_is_given_back_when_the_case_no_longer_waits()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await QuestionDueForReminderAsync(host);
        await using (var db = host.NewContext())
        {
            // The requester answers between the list and the claim: the list still names the question, the case moved on.
            await db.Cases.Where(c => c.Id == filed.CaseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.InProgress));
        }

        (await host.Get<AnswerReminderSweep>().RunAsync(CancellationToken.None)).Should().Be(0);

        await using var read = host.NewContext();
        (await read.AnswerInvitations.SingleAsync(i => i.CaseId == filed.CaseId && i.RemindAt != null)).RemindedAt.Should().BeNull();
    }

    [Fact]
    public async Task Two_improvement_action_runs_at_once_tell_the_responsible_once()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await host.FileAsync();
        var coordinator = CurrentUser.Person(DemoPeople.Coordinator, Core.People.PersonRoles.Agent | Core.People.PersonRoles.Coordinator);
        var created = await host.Get<CreateImprovementAction>().HandleAsync(
            new("Guía para restablecer la contraseña del correo", "Varios usuarios reportan la misma novedad.", ImprovementOrigin.Novedad, null,
                [filed.Number], DemoPeople.Agent1, new DateOnly(2026, 3, 3)), coordinator, CancellationToken.None);

        var runs = await TwiceAtOnceAsync(host.Get<ImprovementActionSweep>());

        runs.Sum().Should().Be(1, "Tuesday's due date is near on Monday");
        await using var db = host.NewContext();
        (await db.PortalNotifications.CountAsync(n => n.Kind == MessageKind.ImprovementActionDueSoon && n.CaseNumber == created.Number)).Should().Be(1);
        (await db.ImprovementActions.SingleAsync(a => a.Number == created.Number)).DueSoonNoticeAt.Should().Be(host.Time.GetUtcNow());
    }
}
