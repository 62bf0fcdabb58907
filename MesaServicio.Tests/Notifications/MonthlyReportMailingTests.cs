using System.Text;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace MesaServicio.Tests.Notifications;

public sealed class MonthlyReportMailingTests
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    // 1 November 2026 is a Sunday and Monday the 2nd a holiday (All Saints, moved): Tuesday the 3rd is the first business day.
    private static readonly DateTimeOffset FirstBusinessDay = new(2026, 11, 3, 9, 0, 0, Bogota);

    private static readonly Guid SecondCoordinator = new("7d1e0c3a-0000-4000-8000-0000000000c2");

    [Fact]
    public async Task On_the_first_business_day_every_active_coordinator_gets_last_months_report_once_with_PDF_and_CSV()
    {
        using var smtp = SmtpTestServer.OnFreePort();
        await using var host = await CoreHost.StartAsync(new DateTimeOffset(2026, 10, 15, 10, 0, 0, Bogota), MailTest.Smtp(smtp));
        await host.FileAsync();
        await AddCoordinatorsAsync(host);
        host.Time.SetUtcNow(FirstBusinessDay);

        var mailing = host.Get<MonthlyReportMailing>();
        (await mailing.RunAsync(CancellationToken.None)).Should().Be(1);

        var queued = await MonthlyAsync(host);
        queued.Select(m => (m.DedupKey, m.ToAddress)).Should().BeEquivalentTo(
        [
            ($"monthly-report:2026-10:{SeedData.DemoPeople.Coordinator:N}", "beatriz.cardenas@entidad.gov.co"),
            ($"monthly-report:2026-10:{SecondCoordinator:N}", "carlos.andres.perez@entidad.gov.co"),
        ], "one message per active coordinator; the inactive one gets none");
        foreach (var message in queued)
        {
            message.Subject.Should().Be("Informe mensual de la mesa de servicio: octubre de 2026");
            message.TextBody.Should().Contain("octubre de 2026 en PDF").And.Contain("https://mesa.entidad.gov.co/reportes/mensual?mes=2026-10");
            message.HtmlBody.Should().Contain("<a href=\"https://mesa.entidad.gov.co/reportes/mensual?mes=2026-10\">");
            message.Attachments.Select(a => (a.FileName, a.ContentType)).Should().Equal(
                ("informe-mensual-2026-10.pdf", "application/pdf"), ("informe-mensual-2026-10.csv", "text/csv; charset=utf-8"));
            Encoding.ASCII.GetString(message.Attachments[0].Content, 0, 5).Should().Be("%PDF-");
            Encoding.UTF8.GetString(message.Attachments[1].Content).Should().StartWith("\uFEFFNúmero;Radicado;")
                .And.Contain("No abre el correo", "October's case is in the CSV");
        }

        (await mailing.RunAsync(CancellationToken.None)).Should().Be(0, "the month is already queued");
        host.Time.Advance(TimeSpan.FromHours(6));
        (await mailing.RunAsync(CancellationToken.None)).Should().Be(0);
        (await MonthlyAsync(host)).Should().HaveCount(2);

        (await host.Get<OutboxDispatcher>().RunAsync(CancellationToken.None)).Should().Be(4,
            "the two coordinators' reports, and October's case's acknowledgement and assignment notice");
        var received = (await smtp.ReceivedAtLeastAsync(4)).Where(m => m.Subject?.StartsWith("Informe mensual", StringComparison.Ordinal) == true).ToList();
        received.Should().HaveCount(2);
        foreach (var mail in received)
        {
            var files = mail.Attachments.OfType<MimePart>().ToList();
            files.Select(f => f.FileName).Should().Equal("informe-mensual-2026-10.pdf", "informe-mensual-2026-10.csv");
            using var pdf = new MemoryStream();
            await files[0].Content!.DecodeToAsync(pdf);
            Encoding.ASCII.GetString(pdf.ToArray(), 0, 5).Should().Be("%PDF-");
            pdf.Length.Should().Be(queued[0].Attachments[0].Content.Length);
        }
    }

    [Fact]
    public async Task The_report_is_not_queued_on_the_holiday_before_business_opens_nor_on_the_day_after()
    {
        await using var host = await CoreHost.StartAsync(new DateTimeOffset(2026, 11, 2, 9, 0, 0, Bogota));
        var mailing = host.Get<MonthlyReportMailing>();

        (await mailing.RunAsync(CancellationToken.None)).Should().Be(0, "Monday 2 November is a holiday");
        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 3, 7, 59, 0, Bogota));
        (await mailing.RunAsync(CancellationToken.None)).Should().Be(0, "business opens at 08:00");
        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 4, 9, 0, 0, Bogota));
        (await mailing.RunAsync(CancellationToken.None)).Should().Be(0, "Wednesday is not the first business day");
        (await MonthlyAsync(host)).Should().BeEmpty();

        MonthlyReportMailing.IsDue(new DateTimeOffset(2026, 11, 3, 8, 0, 0, Bogota), CaseBuilder.ColombianCalendar).Should().BeTrue();
        MonthlyReportMailing.IsDue(new DateTimeOffset(2026, 11, 3, 16, 59, 0, Bogota), CaseBuilder.ColombianCalendar).Should().BeTrue();
    }

    [Fact]
    public async Task Two_instances_due_at_the_same_moment_queue_the_month_once()
    {
        await using var host = await CoreHost.StartAsync(FirstBusinessDay);
        await AddCoordinatorsAsync(host);
        await using var second = MailTest.SecondInstance(host, _ => { });

        var runs = await Task.WhenAll(
            Task.Run(() => host.Get<MonthlyReportMailing>().RunAsync(CancellationToken.None)),
            Task.Run(() => second.GetRequiredService<MonthlyReportMailing>().RunAsync(CancellationToken.None)));

        runs.Sum().Should().BeInRange(1, 2);
        (await MonthlyAsync(host)).Select(m => m.DedupKey).Should().HaveCount(2).And.OnlyHaveUniqueItems();
    }

    private static async Task AddCoordinatorsAsync(CoreHost host)
    {
        await using var db = host.NewContext();
        db.People.Add(new Person(SecondCoordinator, "Carlos Andrés Pérez", "carlos.andres.perez@entidad.gov.co", "OTIC", PersonRoles.Coordinator));
        var former = new Person(Guid.NewGuid(), "Marta Lucía Gómez", "marta.lucia.gomez@entidad.gov.co", "OTIC", PersonRoles.Coordinator);
        former.Deactivate();
        db.People.Add(former);
        await db.SaveChangesAsync();
    }

    private static async Task<List<OutboxMessage>> MonthlyAsync(CoreHost host) =>
        (await MailTest.OutboxAsync(host)).Where(m => m.Kind == MessageKind.MonthlyReport).ToList();
}
