using System.Diagnostics;
using System.Globalization;
using MesaServicio.Core.Cases;
using MesaServicio.Tests.EndToEnd;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using netDumbster.smtp;
using Xunit.Abstractions;

namespace MesaServicio.Tests.Restart;

/// <summary>
/// Issue #5 "Must show": the real portal process is stopped while a survey window is open and started again
/// after the window ended → the case is closed once, one e-mail goes out, the history is complete. A third start
/// shows that nothing is repeated. The processes' clock starts where the test says (<c>Clock:Start</c>, honoured
/// in Development only) and the background work runs every second against a real SMTP server (netDumbster).
/// </summary>
[Collection(RestartSuite.Name)]
public sealed class SurveyWindowRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    /// <summary>Friday 20 March 2026, 14:00 — Monday 23 March is a holiday (San José).</summary>
    private static readonly DateTimeOffset Filed = new(2026, 3, 20, 14, 0, 0, Bogota);

    [Fact]
    public async Task A_window_that_ends_while_the_portal_is_down_closes_the_case_once_with_one_email_after_the_restart()
    {
        await using var core = await CoreHost.StartAsync(Filed);
        var filed = await core.FileAsync(subject: "El escáner no envía al correo");
        var assignee = (await core.LoadAsync(filed.Number)).AssigneeId!.Value;
        var agent = await core.UserAsync(assignee);
        await core.Get<AttendCase>().HandleAsync(new AttendCaseCommand(filed.Number, null), agent, CancellationToken.None);
        core.Time.Advance(TimeSpan.FromHours(1));
        await core.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(filed.Number, null, "Se reconfiguró el perfil SMTP del escáner."), agent, CancellationToken.None);
        var due = (await core.LoadAsync(filed.Number)).SurveyDueAt!.Value;
        due.Should().Be(new DateTimeOffset(2026, 3, 26, 17, 0, 0, Bogota), "three business days after Friday, skipping the weekend and the holiday");

        var port = PortalProcess.FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        var settings = new Dictionary<string, string>
        {
            ["TimedWork:IntervalSeconds"] = "1",
            ["Email:Mode"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:PortalUrl"] = "http://127.0.0.1",
        };

        // First life: the window is open (Friday 15:05): the invitation goes out, then the portal stops.
        await RunPortalAsync(core.Database, settings, new DateTimeOffset(2026, 3, 20, 15, 5, 0, Bogota), async () =>
        {
            await WaitForAsync(() => Task.FromResult(smtp.ReceivedEmailCount >= 3), "the survey invitation");
            await Task.Delay(TimeSpan.FromSeconds(3));
        });
        smtp.ReceivedEmailCount.Should().Be(3,
            "while the window is open only the registration's acknowledgement and assignment notice, and the invitation, go out");
        (await core.LoadAsync(filed.Number)).Status.Should().Be(CaseStatus.Resolved);

        // Second life: Friday 27 March 09:00, the window ended on Thursday at the close of business.
        await RunPortalAsync(core.Database, settings, new DateTimeOffset(2026, 3, 27, 9, 0, 0, Bogota), async () =>
        {
            await WaitForAsync(async () => (await core.LoadAsync(filed.Number)).Status == CaseStatus.Closed, "the case to close");
            await WaitForAsync(() => Task.FromResult(smtp.ReceivedEmailCount >= 4), "the closing e-mail");
            await Task.Delay(TimeSpan.FromSeconds(3));
        });

        // Third life: nothing left to do, nothing repeated.
        await RunPortalAsync(core.Database, settings, new DateTimeOffset(2026, 3, 27, 10, 0, 0, Bogota), () => Task.Delay(TimeSpan.FromSeconds(4)));

        var closed = await core.LoadAsync(filed.Number);
        closed.Status.Should().Be(CaseStatus.Closed);
        closed.CloseOutcome.Should().Be(CloseOutcome.NoAnswer);
        closed.History.OrderBy(h => h.Id).Select(h => h.Action).Should().Equal(
            CaseAction.Registered, CaseAction.Assigned, CaseAction.AttentionStarted, CaseAction.Resolved, CaseAction.SurveyInvited, CaseAction.Closed);
        closed.History.Single(h => h.Action == CaseAction.Closed).At.Should().BeOnOrAfter(due);

        smtp.ReceivedEmailCount.Should().Be(4, "the registration's two and the invitation before the stop, one closing e-mail after it");
        var subjects = smtp.ReceivedEmail.Select(m => m.Subject).ToList();
        output.WriteLine(string.Join(Environment.NewLine, subjects));
        subjects.Should().ContainSingle(s => s.Contains("cerrado sin respuesta", StringComparison.Ordinal));
        subjects.Should().OnlyContain(s => s.Contains(filed.Number, StringComparison.Ordinal));

        await using var db = core.NewContext();
        var mails = await db.OutboxMessages.AsNoTracking().Where(m => m.CaseId == closed.Id).ToListAsync();
        mails.Should().HaveCount(4).And.OnlyContain(m => m.SentAt != null && m.Attempts <= 1);
    }

    private async Task RunPortalAsync(TestDatabase database, Dictionary<string, string> settings, DateTimeOffset clockStart, Func<Task> whileRunning)
    {
        var withClock = new Dictionary<string, string>(settings) { ["Clock:Start"] = clockStart.ToString("O", CultureInfo.InvariantCulture) };
        var portal = PortalProcess.On(database, withClock);
        var watch = Stopwatch.StartNew();
        try
        {
            await portal.InitializeAsync();
            output.WriteLine($"Portal up at {clockStart:O} after {portal.StartupTime.TotalSeconds:0.0} s");
            await whileRunning();
        }
        finally
        {
            await portal.DisposeAsync();
            output.WriteLine($"Portal stopped after {watch.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited 60 s for {what}.");
    }
}

/// <summary>Process-restart tests start and stop real portals: they run alone, not beside the browser suite.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RestartSuite
{
    public const string Name = "Restart";
}
