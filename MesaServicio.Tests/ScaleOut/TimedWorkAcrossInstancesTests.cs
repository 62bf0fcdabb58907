using System.Diagnostics;
using System.Globalization;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.EndToEnd;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using netDumbster.smtp;
using Xunit.Abstractions;

namespace MesaServicio.Tests.ScaleOut;

/// <summary>
/// Issue #8 "Must show": with two instances running the timed work against one PostgreSQL and one Redis, a survey
/// window that closes is processed once, not twice — one closing, one history line, one e-mail.
/// </summary>
[Collection(ScaleOutSuite.Name)]
[Trait("Pass", "Once")]
public sealed class TimedWorkAcrossInstancesTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    [ScaleOutFact]
    public async Task A_survey_window_that_ends_is_processed_once_by_two_instances()
    {
        // Resolved on Friday 20 March 2026; the window ends on Thursday 26 March at 17:00 (weekend and San José skipped).
        await using var core = await CoreHost.StartAsync(new DateTimeOffset(2026, 3, 20, 14, 0, 0, Bogota), provider: DatabaseProvider.PostgreSql);
        var cases = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var filed = await core.FileAsync(subject: $"El escáner no envía al correo ({i + 1})");
            var agent = await core.UserAsync((await core.LoadAsync(filed.Number)).AssigneeId!.Value);
            await core.Get<AttendCase>().HandleAsync(new AttendCaseCommand(filed.Number, null), agent, CancellationToken.None);
            await core.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(filed.Number, null, "Se reconfiguró el perfil SMTP del escáner."), agent, CancellationToken.None);
            cases.Add(filed.Number);
        }

        var port = PortalProcess.FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var instances = await TwoInstances.StartAsync(new Dictionary<string, string>
        {
            // Both instances wake every second, an hour after the window ended.
            ["Clock:Start"] = new DateTimeOffset(2026, 3, 27, 9, 0, 0, Bogota).ToString("O", CultureInfo.InvariantCulture),
            ["TimedWork:IntervalSeconds"] = "1",
            ["Email:Mode"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:PortalUrl"] = "http://127.0.0.1",
        }, core.Database);

        var watch = Stopwatch.StartNew();
        while (!await AllClosedAndSentAsync(core, cases) && watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(250);
        }

        // Several more rounds of both instances: nothing may be repeated.
        await Task.Delay(TimeSpan.FromSeconds(5));
        output.WriteLine($"{smtp.ReceivedEmailCount} e-mail(s) after {watch.Elapsed.TotalSeconds:0.0} s");

        await using var db = core.NewContext();
        foreach (var number in cases)
        {
            var c = await db.Cases.AsNoTracking().Include(x => x.History).SingleAsync(x => x.Number == number);
            c.Status.Should().Be(CaseStatus.Closed, $"{number}'s window ended");
            c.History.Count(h => h.Action == CaseAction.Closed).Should().Be(1, $"{number} is closed once");
            c.History.Count(h => h.Action == CaseAction.SurveyInvited).Should().BeLessThanOrEqualTo(1);
            smtp.ReceivedEmail.Count(m => m.Subject.Contains(number, StringComparison.Ordinal) && m.Subject.Contains("cerrado sin respuesta", StringComparison.Ordinal))
                .Should().Be(1, $"one closing e-mail for {number}");
        }

        smtp.ReceivedEmail.GroupBy(m => m.Subject).Should().OnlyContain(g => g.Count() == 1, "no message goes out twice");
        (await db.OutboxMessages.CountAsync(m => m.SentAt != null)).Should().Be(smtp.ReceivedEmailCount);
    }

    private static async Task<bool> AllClosedAndSentAsync(CoreHost core, List<string> cases)
    {
        await using var db = core.NewContext();
        var closed = await db.Cases.CountAsync(c => cases.Contains(c.Number) && c.Status == CaseStatus.Closed);
        var unsent = await db.OutboxMessages.CountAsync(m => m.SentAt == null);
        return closed == cases.Count && unsent == 0;
    }
}
