using MesaServicio.Core;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.TimedWork;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace MesaServicio.Tests.Notifications;

public sealed class EmailTransportTests
{
    [Fact]
    public async Task In_folder_mode_each_message_is_written_as_an_eml_file_a_mail_program_can_open()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mesa-tests", Guid.NewGuid().ToString("N"), "correo");
        try
        {
            await using var host = await CoreHost.StartAsync(configure: services => services.Configure<EmailOptions>(o =>
            {
                o.Mode = EmailDeliveryMode.Folder;
                o.Folder = folder;
                o.PortalUrl = MailTest.PortalUrl;
            }));
            host.Get<IEmailTransport>().Should().BeOfType<FolderEmailTransport>();
            var first = await MailTest.QueueAlertAsync(host, "sla:folder:1", "ana.rojas@entidad.gov.co", "MS-2026-000201");
            (await host.Get<OutboxDispatcher>().RunAsync(CancellationToken.None)).Should().Be(1);
            host.Time.Advance(TimeSpan.FromSeconds(1));
            var second = await MailTest.QueueAlertAsync(host, "sla:folder:2", "luis.mora@entidad.gov.co", "MS-2026-000202");
            (await host.Get<OutboxDispatcher>().RunAsync(CancellationToken.None)).Should().Be(1);

            var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
            files.Should().HaveCount(2).And.OnlyContain(f => f.EndsWith(".eml", StringComparison.Ordinal), "no partial file is left behind");
            var messages = files.Select(f => MimeMessage.Load(f)).ToList();
            messages.Select(m => m.MessageId).Should().Equal($"{first:N}@mesa-servicio", $"{second:N}@mesa-servicio");
            Path.GetFileName(files[0]).Should().Contain(first.ToString("N"), "the name says which message it is, after the time it was written");
            messages[1].Subject.Should().Be("Caso MS-2026-000202: el ANS de atención está en riesgo");
            messages[1].To.Mailboxes.Single().Address.Should().Be("luis.mora@entidad.gov.co");
            MailTest.Bodies(messages[1]).Text.Should().Contain("https://mesa.entidad.gov.co/casos/MS-2026-000202");
            File.ReadAllText(files[1]).Should().Contain("El caso MS-2026-000202 ya usó el 75 %", "the text is readable in the file itself");
            (await MailTest.OutboxAsync(host)).Should().OnlyContain(m => m.SentAt != null && m.TextBody == null);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Fact]
    public void The_transport_follows_Email_Mode_and_a_relative_folder_is_taken_from_the_content_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "mesa-raiz");
        using var folder = Provider(root, new() { ["Email:Folder"] = "data/correo" });
        folder.GetRequiredService<IEmailTransport>().Should().BeOfType<FolderEmailTransport>()
            .Which.Folder.Should().Be(Path.GetFullPath(Path.Combine(root, "data/correo")));

        using var smtp = Provider(root, new() { ["Email:Mode"] = "Smtp", ["Email:Smtp:Host"] = "smtp.entidad.gov.co" });
        smtp.GetRequiredService<IEmailTransport>().Should().BeOfType<SmtpEmailTransport>();
        smtp.GetServices<ITimedWork>().Select(w => (w.GetType(), w.Order)).Should()
            .Contain([(typeof(MonthlyReportMailing), 50), (typeof(OutboxDispatcher), 100)]);

        FolderEmailTransport.Resolve("/var/correo", root).Should().Be("/var/correo");
    }

    [Fact]
    public void A_failure_is_recorded_by_its_kind_and_status_never_by_its_text()
    {
        var refused = new MailKit.Net.Smtp.SmtpCommandException(
            MailKit.Net.Smtp.SmtpErrorCode.RecipientNotAccepted, MailKit.Net.Smtp.SmtpStatusCode.MailboxUnavailable,
            new MailboxAddress("", "ana.rojas@entidad.gov.co"), "550 5.1.1 <ana.rojas@entidad.gov.co>: no such user");
        OutboxDispatcher.Describe(refused).Should().Be("SmtpCommandException 550 MailboxUnavailable (RecipientNotAccepted)");
        OutboxDispatcher.Describe(new IOException("ana.rojas@entidad.gov.co", new System.Net.Sockets.SocketException(10054)))
            .Should().Be("IOException (SocketException ConnectionReset)");
    }

    private static ServiceProvider Provider(string contentRoot, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FakeTimeProvider())
            .AddMesaServicioCore(configuration, contentRoot)
            .BuildServiceProvider();
    }
}
