using System.Security.Cryptography;
using System.Text;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Closing;
using MesaServicio.Core.Security;
using MesaServicio.Core.TimedWork;
using MesaServicio.Tests.Notifications;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Reports;

/// <summary>
/// Frozen months (issue #15): October 2026 closes on Tuesday 3 November at 08:00 in Bogotá (Sunday the 1st, Monday the
/// 2nd a holiday), its stored results no longer move, the coordinator re-closes it with a reason, a missed closing day
/// is caught up, and two instances close a month once.
/// </summary>
public sealed class MonthClosingTests
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);
    private static readonly YearMonth October = new(2026, 10);
    private static readonly YearMonth November = new(2026, 11);
    private static readonly DateTimeOffset OctoberMorning = new(2026, 10, 5, 10, 0, 0, Bogota);
    private static readonly DateTimeOffset OctoberCloses = new(2026, 11, 3, 8, 0, 0, Bogota);

    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator);

    [Fact]
    public Task A_frozen_month_does_not_move_after_an_old_case_changes() => FrozenMonthStaysAsync(null);

    [PostgreSqlFact]
    public Task A_frozen_month_does_not_move_after_an_old_case_changes_on_PostgreSQL() => FrozenMonthStaysAsync(DatabaseProvider.PostgreSql);

    [Fact]
    public async Task The_month_closes_on_the_first_business_day_after_it_ends_from_the_opening_of_business()
    {
        MonthClosingSchedule.ClosesAt(October, CaseBuilder.ColombianCalendar).Should().Be(OctoberCloses);
        MonthClosingSchedule.ClosesAt(November, CaseBuilder.ColombianCalendar).Should().Be(new DateTimeOffset(2026, 12, 1, 8, 0, 0, Bogota));

        await using var host = await CoreHost.StartAsync(OctoberMorning);
        await host.FileAsync();
        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 2, 10, 0, 0, Bogota));
        (await host.Get<MonthClosing>().RunAsync(default)).Should().Be(0, "Monday 2 November is a holiday");
        host.Time.SetUtcNow(OctoberCloses.AddMinutes(-1));
        (await host.Get<MonthClosing>().RunAsync(default)).Should().Be(0, "business opens at 08:00");
        var open = await host.Get<GetMonthResults>().HandleAsync(October, ReportScope.All, Coordinator, null, default);
        open.IsClosed.Should().BeFalse();
        open.ClosesAt.Should().Be(OctoberCloses);
        open.Report.AsOf.Should().Be(OctoberCloses.AddMinutes(-1), "an open month is computed live");

        host.Time.SetUtcNow(OctoberCloses);
        (await host.Get<MonthClosing>().RunAsync(default)).Should().Be(1);
        (await ClosuresAsync(host)).Select(c => (c.Month, c.Version)).Should().Equal((October, 1));
    }

    [Fact]
    public async Task A_reclosing_with_a_reason_makes_version_2_with_an_audit_row_and_keeps_version_1()
    {
        await using var host = await CoreHost.StartAsync(OctoberMorning);
        var filed = await host.FileAsync();
        host.Time.SetUtcNow(OctoberCloses.AddHours(1));
        (await host.Get<MonthClosing>().RunAsync(default)).Should().Be(1);
        await ResolveAsync(host, filed.Number);
        host.Time.Advance(TimeSpan.FromHours(1));
        const string reason = "Se registró tarde la solución de un caso de octubre.";

        var version = await host.Get<RecloseMonth>().HandleAsync(October, "  " + reason + " ", Coordinator, default);

        version.Version.Should().Be(2);
        version.ClosedById.Should().Be(DemoPeople.Coordinator);
        version.ClosedByName.Should().NotBeNullOrWhiteSpace();
        version.Reason.Should().Be(reason);
        version.ClosedAt.Should().Be(host.Time.GetUtcNow());
        var results = await host.Get<GetMonthResults>().HandleAsync(October, ReportScope.All, Coordinator, null, default);
        results.Versions.Select(v => v.Version).Should().Equal(1, 2);
        results.Closure!.Version.Should().Be(2);
        results.Report.Totals.Resolved.Should().Be(1, "version 2 reads the case as it is now");
        results.Report.AsOf.Should().Be(version.ClosedAt);

        await using (var db = host.NewContext())
        {
            var audit = await db.ConfigurationChanges.Where(c => c.Area == ConfigurationAreas.MonthClosure).ToListAsync();
            var row = audit.Should().ContainSingle().Which;
            row.ActorId.Should().Be(DemoPeople.Coordinator);
            row.Reason.Should().Be(reason);
            row.Subject.Should().Be("Octubre de 2026: versión 2");
            row.After.Should().Contain(version.PdfSha256).And.Contain(version.CsvSha256);
            row.At.Should().Be(version.ClosedAt);
        }

        var files = host.Get<GetMonthClosureFile>();
        foreach (var v in results.Versions)
        {
            var pdf = (await files.HandleAsync(October, v.Version, MonthClosureFileKind.Pdf, Coordinator, default))!;
            var csv = (await files.HandleAsync(October, v.Version, MonthClosureFileKind.Csv, Coordinator, default))!;
            Hash(pdf.Content).Should().Be(v.PdfSha256).And.Be(pdf.Sha256);
            Hash(csv.Content).Should().Be(v.CsvSha256).And.Be(csv.Sha256);
            pdf.FileName.Should().Be($"informe-mensual-2026-10-v{v.Version}.pdf");
            Encoding.ASCII.GetString(pdf.Content, 0, 5).Should().Be("%PDF-");
        }

        results.Versions[0].PdfSha256.Should().NotBe(results.Versions[1].PdfSha256, "version 1 is kept as it was");
        (await files.HandleAsync(October, 3, MonthClosureFileKind.Pdf, Coordinator, default)).Should().BeNull();

        var notices = await PortalNoticesAsync(host);
        notices.Select(n => n.Text).Should().Equal(
            "Resultados de octubre de 2026 cerrados (versión 1).", "Resultados de octubre de 2026 cerrados de nuevo (versión 2).");
        var mails = (await MailTest.OutboxAsync(host)).Where(m => m.Kind == MessageKind.MonthClosed).ToList();
        mails.Should().HaveCount(2);
        mails[1].TextBody.Should().Contain(reason).And.Contain("/reportes/mensual?mes=2026-10");
    }

    [Fact]
    public async Task A_reclosing_is_refused_without_a_reason_to_anyone_but_the_coordinator_and_for_a_month_not_closed()
    {
        await using var host = await CoreHost.StartAsync(OctoberMorning);
        await host.FileAsync();
        var reclose = host.Get<RecloseMonth>();

        var early = await FluentActions.Awaiting(() => reclose.HandleAsync(October, "Un motivo.", Coordinator, default))
            .Should().ThrowAsync<DomainException>();
        early.Which.Rule.Should().Be(DomainRules.MonthNotClosed);
        early.Which.Message.Should().Be("Los resultados de octubre de 2026 aún no están cerrados: el mes se cierra solo el primer día hábil después de terminar.");

        host.Time.SetUtcNow(OctoberCloses.AddHours(1));
        await host.Get<MonthClosing>().RunAsync(default);
        foreach (var missing in new string?[] { null, "", "   " })
        {
            var refused = await FluentActions.Awaiting(() => reclose.HandleAsync(October, missing, Coordinator, default))
                .Should().ThrowAsync<DomainException>();
            refused.Which.Message.Should().Be("Escriba el motivo para volver a cerrar el mes.");
        }

        foreach (var user in new[]
        {
            CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent),
            CurrentUser.Person(Guid.NewGuid(), PersonRoles.Jefe),
            CurrentUser.Person(DemoPeople.LeadApoyo, PersonRoles.TechnicalLead | PersonRoles.Agent),
        })
        {
            await FluentActions.Awaiting(() => reclose.HandleAsync(October, "Un motivo.", user, default)).Should().ThrowAsync<ForbiddenException>();
        }

        await FluentActions.Awaiting(() => host.Get<GetMonthResults>().HandleAsync(
                October, ReportScope.All, CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent), null, default))
            .Should().ThrowAsync<ForbiddenException>("the desk's results are the coordinator's and the Jefe's");
        await FluentActions.Awaiting(() => host.Get<GetMonthClosureFile>().HandleAsync(
                October, 1, MonthClosureFileKind.Pdf, CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent), default))
            .Should().ThrowAsync<ForbiddenException>();

        (await ClosuresAsync(host)).Select(c => c.Version).Should().Equal(1);
        await using var db = host.NewContext();
        (await db.ConfigurationChanges.CountAsync(c => c.Area == ConfigurationAreas.MonthClosure)).Should().Be(0);
    }

    [Fact]
    public async Task A_missed_closing_day_is_caught_up_at_the_next_start()
    {
        await using var host = await CoreHost.StartAsync(OctoberMorning);
        await host.FileAsync();

        // The portal was down from October to 10 December: neither October's nor November's closing day ran.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 10, 9, 0, 0, Bogota));
        await using var restarted = MailTest.SecondInstance(host, s => s.AddSingleton<TimedWorkRunner>());
        var counts = await restarted.GetRequiredService<TimedWorkRunner>().RunOnceAsync(default);

        counts.Should().ContainSingle(c => c.Name == "Cierre del mes").Which.Count.Should().Be(2);
        (await ClosuresAsync(host)).Select(c => (c.Month, c.Version)).Should().Equal((October, 1), (November, 1));
        (await ClosuresAsync(host)).Should().OnlyContain(c => c.ClosedAt == host.Time.GetUtcNow() && c.ClosedById == null);
        (await ClosuresAsync(host)).Should().NotContain(c => c.Month == new YearMonth(2026, 9), "nothing is closed before the first case");
        (await restarted.GetRequiredService<MonthClosing>().RunAsync(default)).Should().Be(0);
        (await host.Get<MonthClosing>().RunAsync(default)).Should().Be(0, "another instance finds the months closed");
    }

    [Fact]
    public async Task The_catch_up_goes_back_twelve_months_at_most()
    {
        await using var host = await CoreHost.StartAsync(new DateTimeOffset(2025, 1, 13, 10, 0, 0, Bogota));
        await host.FileAsync();
        host.Time.SetUtcNow(new DateTimeOffset(2026, 2, 10, 9, 0, 0, Bogota));

        (await host.Get<MonthClosing>().RunAsync(default)).Should().Be(12);

        (await ClosuresAsync(host)).Select(c => c.Month.ToString()).Should().Equal(
            "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01");
    }

    [Fact]
    public async Task Two_instances_closing_at_the_same_moment_store_one_version()
    {
        await using var host = await CoreHost.StartAsync(OctoberMorning);
        await host.FileAsync();
        host.Time.SetUtcNow(OctoberCloses.AddMinutes(5));
        await using var second = MailTest.SecondInstance(host, _ => { });

        var runs = await Task.WhenAll(
            Task.Run(() => host.Get<MonthClosing>().RunAsync(default)),
            Task.Run(() => second.GetRequiredService<MonthClosing>().RunAsync(default)));

        runs.Sum().Should().Be(1);
        (await ClosuresAsync(host)).Select(c => (c.Month, c.Version)).Should().Equal((October, 1));
        (await PortalNoticesAsync(host)).Should().ContainSingle("the coordinator hears of the closing once");
    }

    private static async Task FrozenMonthStaysAsync(DatabaseProvider? provider)
    {
        await using var host = await CoreHost.StartAsync(OctoberMorning, provider: provider);
        var first = await host.FileAsync(subject: "No abre el correo de la dirección");
        await host.FileAsync(category: "Impresoras y escáneres", subject: "La impresora saca hojas en blanco");
        host.Time.SetUtcNow(OctoberCloses.AddHours(1));

        (await host.Get<MonthClosing>().RunAsync(default)).Should().Be(1);

        var frozen = await host.Get<GetMonthResults>().HandleAsync(October, ReportScope.All, Coordinator, null, default);
        frozen.IsClosed.Should().BeTrue();
        frozen.Closure!.Version.Should().Be(1);
        frozen.Closure.Automatic.Should().BeTrue();
        frozen.Closure.ClosedAt.Should().Be(OctoberCloses.AddHours(1));
        frozen.Report.AsOf.Should().Be(frozen.Closure.ClosedAt, "the stored figures are as of the closing instant");
        frozen.Report.Totals.Filed.Should().Be(2);
        frozen.Report.Totals.Resolved.Should().Be(0);
        frozen.Report.Totals.Open.Should().Be(2);

        var stored = (await ClosuresAsync(host)).Single();
        stored.PdfSha256.Should().Be(Hash(stored.Pdf));
        stored.CsvSha256.Should().Be(Hash(stored.Csv));
        stored.ReportSha256.Should().Be(Hash(Encoding.UTF8.GetBytes(stored.ReportJson)));
        Encoding.ASCII.GetString(stored.Pdf, 0, 5).Should().Be("%PDF-");
        Encoding.UTF8.GetString(stored.Csv).Should().Contain("La impresora saca hojas en blanco");

        // An old case changes: October's first case is resolved in November.
        host.Time.Advance(TimeSpan.FromHours(2));
        await ResolveAsync(host, first.Number);
        var live = await host.Get<ComputeMonthlyReport>().HandleAsync(October, default);
        live.Totals.Resolved.Should().Be(1, "the live computation sees the change");

        var after = await host.Get<GetMonthResults>().HandleAsync(October, ReportScope.All, Coordinator, null, default);
        after.Report.Totals.Resolved.Should().Be(0);
        after.Report.Totals.Open.Should().Be(2);
        after.Report.Should().BeEquivalentTo(frozen.Report, o => o.WithStrictOrdering());
        MonthlyReportJson.Serialize(after.Report).Should().Be(stored.ReportJson);
        (await host.Get<MonthClosing>().RunAsync(default)).Should().Be(0);
        (await ClosuresAsync(host)).Should().ContainSingle();

        // A technician's own results stay live, also in a closed month.
        var assignee = (await host.LoadAsync(first.Number)).AssigneeId!.Value;
        var technician = await host.UserAsync(assignee);
        var own = await host.Get<GetMonthResults>().HandleAsync(October, new ReportScope(assignee, null), technician, null, default);
        own.IsClosed.Should().BeFalse();
        own.Report.Totals.Resolved.Should().Be(1);
        await FluentActions.Awaiting(() => host.Get<GetMonthResults>().HandleAsync(
                October, new ReportScope(DemoPeople.Coordinator, null), technician, null, default))
            .Should().ThrowAsync<ForbiddenException>("a technician reads only their own results");

        (await PortalNoticesAsync(host)).Should().ContainSingle().Which.PersonId.Should().Be(DemoPeople.Coordinator);
    }

    private static async Task ResolveAsync(CoreHost host, string number)
    {
        var assignee = (await host.LoadAsync(number)).AssigneeId!.Value;
        var user = await host.UserAsync(assignee);
        await host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), user, default);
        await host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, "Se reconfiguró el perfil."), user, default);
    }

    private static async Task<List<MonthClosure>> ClosuresAsync(CoreHost host)
    {
        await using var db = host.NewContext();
        return (await db.MonthClosures.AsNoTracking().ToListAsync()).OrderBy(c => c.Month.Year).ThenBy(c => c.Month.Month).ThenBy(c => c.Version).ToList();
    }

    private static async Task<List<PortalNotification>> PortalNoticesAsync(CoreHost host)
    {
        await using var db = host.NewContext();
        return (await db.PortalNotifications.AsNoTracking().Where(n => n.Kind == MessageKind.MonthClosed).ToListAsync())
            .OrderBy(n => n.CreatedAt).ToList();
    }

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
