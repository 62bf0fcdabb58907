using MesaServicio.Core.Notifications;
using MesaServicio.Core.TimedWork;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace MesaServicio.Tests.Notifications;

public sealed class OutboxDispatcherTests
{
    [Fact]
    public async Task A_queued_message_arrives_in_Spanish_with_its_link_and_stable_id_and_is_recorded_as_sent_without_its_body()
    {
        using var smtp = SmtpTestServer.OnFreePort();
        await using var host = await CoreHost.StartAsync(configure: MailTest.Smtp(smtp));
        var id = await MailTest.QueueAlertAsync(host, "sla:a:Attention:AtRisk", "ana.rojas@entidad.gov.co");

        var sent = await host.Get<OutboxDispatcher>().RunAsync(CancellationToken.None);

        sent.Should().Be(1);
        var mail = (await smtp.ReceivedAtLeastAsync(1)).Should().ContainSingle().Subject;
        mail.MessageId.Should().Be($"{id:N}@mesa-servicio", "a resend after a crash carries the same id");
        mail.Subject.Should().Be("Caso MS-2026-000123: el ANS de atención está en riesgo");
        mail.From.Mailboxes.Should().ContainSingle().Which.Should()
            .Match<MailboxAddress>(m => m.Name == "Mesa de Servicio OTIC" && m.Address == "mesadeservicio@entidad.gov.co");
        mail.To.Mailboxes.Select(m => m.Address).Should().Equal("ana.rojas@entidad.gov.co");
        mail.Body.Should().BeOfType<MultipartAlternative>("text and HTML are alternatives of one message");
        var (text, html) = MailTest.Bodies(mail);
        text.Should().Contain("El caso MS-2026-000123 ya usó el 75 % de su ANS de atención")
            .And.Contain("https://mesa.entidad.gov.co/casos/MS-2026-000123")
            .And.Contain("Mesa de Servicio. Este mensaje se envió automáticamente");
        html.Should().Contain("<a href=\"https://mesa.entidad.gov.co/casos/MS-2026-000123\">").And.Contain("lang=\"es-CO\"");
        mail.Headers["Auto-Submitted"].Should().Be("auto-generated");

        var row = (await MailTest.OutboxAsync(host)).Single();
        row.SentAt.Should().Be(host.Time.GetUtcNow());
        row.TextBody.Should().BeNull("the body may hold a link that is nobody else's business once sent");
        row.HtmlBody.Should().BeNull();
        row.LeasedBy.Should().BeNull();
        row.LeaseUntil.Should().BeNull();
        row.Attempts.Should().Be(0);
        row.Subject.Should().Be(mail.Subject, "the subject stays as the record of what was sent");

        (await host.Get<OutboxDispatcher>().RunAsync(CancellationToken.None)).Should().Be(0);
        (await smtp.ReceivedAfterAMomentAsync()).Should().HaveCount(1, "a sent message is not sent again");
    }

    [Fact]
    public async Task While_the_mail_server_is_down_messages_wait_with_backoff_and_each_arrives_exactly_once_when_it_is_back()
    {
        using var smtp = SmtpTestServer.OnFreePort(started: false);
        var logs = new CapturingLoggerProvider();
        await using var host = await CoreHost.StartAsync(configure: MailTest.Smtp(smtp, logs));
        var queuedAt = host.Time.GetUtcNow();
        var addresses = new[] { "ana.rojas@entidad.gov.co", "luis.mora@entidad.gov.co", "sofia.vega@entidad.gov.co" };
        var ids = new List<Guid>();
        for (var i = 0; i < addresses.Length; i++)
        {
            ids.Add(await MailTest.QueueAlertAsync(host, $"sla:down:{i}", addresses[i], $"MS-2026-00010{i}"));
        }

        var dispatcher = host.Get<OutboxDispatcher>();
        for (var run = 0; run < 5; run++)
        {
            (await dispatcher.RunAsync(CancellationToken.None)).Should().Be(0);
        }

        var failed = await MailTest.OutboxAsync(host);
        failed.Should().HaveCount(3).And.OnlyContain(m => m.SentAt == null, "nothing is lost: every message is still waiting");
        failed.Should().OnlyContain(m => m.Attempts == 1, "each was tried once, then waits for its backoff");
        failed.Should().OnlyContain(m => m.NextAttemptAt == queuedAt + TimeSpan.FromSeconds(30));
        failed.Should().OnlyContain(m => m.LeasedBy == null && m.LeaseUntil == null, "a failed attempt gives its lease back");
        failed.Should().OnlyContain(m => m.TextBody != null && m.HtmlBody != null);
        failed.Should().OnlyContain(m => m.LastError!.Contains("SocketException", StringComparison.Ordinal)
            && !m.LastError.Contains('@', StringComparison.Ordinal));
        var dispatcherLog = logs.Of(typeof(OutboxDispatcher).FullName!).ToList();
        dispatcherLog.Should().NotBeEmpty();
        dispatcherLog.Should().NotContain(line => addresses.Any(a => line.Contains(a, StringComparison.OrdinalIgnoreCase)), "logs carry ids, never addresses");

        smtp.Start();
        host.Time.Advance(TimeSpan.FromSeconds(29));
        (await dispatcher.RunAsync(CancellationToken.None)).Should().Be(0, "the backoff has not passed");
        (await smtp.ReceivedAfterAMomentAsync()).Should().BeEmpty("nothing is attempted before its time");
        (await MailTest.OutboxAsync(host)).Should().OnlyContain(m => m.Attempts == 1);

        host.Time.Advance(TimeSpan.FromSeconds(2));
        (await dispatcher.RunAsync(CancellationToken.None)).Should().Be(3);
        for (var run = 0; run < 3; run++)
        {
            (await dispatcher.RunAsync(CancellationToken.None)).Should().Be(0);
            host.Time.Advance(TimeSpan.FromHours(1));
        }

        var received = await smtp.ReceivedAfterAMomentAsync();
        received.Select(m => m.MessageId).Should().BeEquivalentTo(ids.Select(id => $"{id:N}@mesa-servicio"), "each arrives exactly once");
        received.SelectMany(m => m.To.Mailboxes).Select(m => m.Address).Should().BeEquivalentTo(addresses);
        (await MailTest.OutboxAsync(host)).Should().OnlyContain(m => m.SentAt == queuedAt + TimeSpan.FromSeconds(31) && m.TextBody == null);
    }

    [Fact]
    public async Task Two_instances_sending_the_same_outbox_at_once_send_every_message_exactly_once()
    {
        using var smtp = SmtpTestServer.OnFreePort();
        await using var host = await CoreHost.StartAsync(configure: MailTest.Smtp(smtp));
        await using var second = MailTest.SecondInstance(host, MailTest.Smtp(smtp));
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await MailTest.QueueAlertAsync(host, $"sla:race:{i}", $"persona{i}@entidad.gov.co", $"MS-2026-{i + 1:D6}"));
        }

        var first = host.Get<OutboxDispatcher>();
        var other = second.GetRequiredService<OutboxDispatcher>();
        host.Get<TimedWorkInstance>().Id.Should().NotBe(second.GetRequiredService<TimedWorkInstance>().Id);

        var total = 0;
        for (var round = 0; round < 5 && total < 30; round++)
        {
            using var go = new ManualResetEventSlim();
            var runs = new[] { first, other, first, other }
                .Select(d => Task.Run(() =>
                {
                    go.Wait();
                    return d.RunAsync(CancellationToken.None);
                }))
                .ToList();
            go.Set();
            total += (await Task.WhenAll(runs)).Sum();
        }

        total.Should().Be(30);
        await smtp.ReceivedAtLeastAsync(30);
        var received = await smtp.ReceivedAfterAMomentAsync();
        received.Should().HaveCount(30, "no message goes out twice");
        received.Select(m => m.MessageId).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(ids.Select(id => $"{id:N}@mesa-servicio"));
        (await MailTest.OutboxAsync(host)).Should().OnlyContain(m => m.SentAt != null && m.LeasedBy == null);
    }

    [Fact]
    public async Task A_message_leased_by_another_instance_is_left_alone_until_its_lease_expires()
    {
        using var smtp = SmtpTestServer.OnFreePort();
        await using var host = await CoreHost.StartAsync(configure: MailTest.Smtp(smtp));
        var id = await MailTest.QueueAlertAsync(host, "sla:lease", "ana.rojas@entidad.gov.co");
        await using (var db = host.NewContext())
        {
            // Another instance claimed it and then stopped before it could record anything.
            var until = host.Time.GetUtcNow() + OutboxDispatcher.LeaseDuration;
            await db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedBy, "otra-maquina:1:abc").SetProperty(m => m.LeaseUntil, until));
        }

        (await host.Get<OutboxDispatcher>().RunAsync(CancellationToken.None)).Should().Be(0);
        (await smtp.ReceivedAfterAMomentAsync()).Should().BeEmpty();

        host.Time.Advance(OutboxDispatcher.LeaseDuration + TimeSpan.FromSeconds(1));
        (await host.Get<OutboxDispatcher>().RunAsync(CancellationToken.None)).Should().Be(1);
        (await smtp.ReceivedAtLeastAsync(1)).Single().MessageId.Should().Be($"{id:N}@mesa-servicio");
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(50, 3600)]
    [InlineData(int.MaxValue, 3600)]
    public void The_wait_after_a_failure_doubles_from_30_seconds_up_to_an_hour(int attempts, int seconds) =>
        OutboxMessage.RetryDelay(attempts).Should().Be(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void The_instance_id_names_the_machine_and_process_and_fits_the_lease_column()
    {
        var id = new TimedWorkInstance().Id;
        id.Should().StartWith(Environment.MachineName + ":" + Environment.ProcessId + ":");
        new TimedWorkInstance().Id.Should().NotBe(id, "two containers in one process are two instances");
        new TimedWorkInstance(new string('m', 300), 12345, "abcdef01").Id.Should().HaveLength(TimedWorkInstance.MaxLength).And.EndWith(":12345:abcdef01");
    }
}
