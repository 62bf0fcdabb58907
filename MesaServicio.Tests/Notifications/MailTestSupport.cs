using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MesaServicio.Core;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using netDumbster.smtp;

namespace MesaServicio.Tests.Notifications;

/// <summary>
/// A real SMTP server (netDumbster) on a free loopback port that can be stopped and started again on the same
/// port; keeps every message it received, across restarts, parsed with MimeKit.
/// </summary>
internal sealed class SmtpTestServer : IDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private SimpleSmtpServer? _server;

    private SmtpTestServer(int port) => Port = port;

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Received => _received.ToList();

    public static SmtpTestServer OnFreePort(bool started = true)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new SmtpTestServer(port);
        if (started)
        {
            server.Start();
        }

        return server;
    }

    public void Start()
    {
        _server = SimpleSmtpServer.Start(Port);
        _server.MessageReceived += (_, e) =>
            _received.Enqueue(MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(e.Message.Data))));
    }

    public void Stop()
    {
        _server?.Stop();
        _server?.Dispose();
        _server = null;
    }

    /// <summary>Waits (up to 5 s) for <paramref name="count"/> messages: the server may still be handing over the last one.</summary>
    public async Task<IReadOnlyList<MimeMessage>> ReceivedAtLeastAsync(int count)
    {
        for (var i = 0; i < 100 && _received.Count < count; i++)
        {
            await Task.Delay(50);
        }

        return Received;
    }

    /// <summary>What has arrived after a moment's wait, for a test that expects nothing more to arrive.</summary>
    public async Task<IReadOnlyList<MimeMessage>> ReceivedAfterAMomentAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        return Received;
    }

    public void Dispose() => Stop();
}

/// <summary>Helpers shared by the notification tests.</summary>
internal static class MailTest
{
    public const string PortalUrl = "https://mesa.entidad.gov.co";

    /// <summary>Points e-mail at <paramref name="server"/>: plain SMTP on loopback, short timeout.</summary>
    public static Action<IServiceCollection> Smtp(SmtpTestServer server, CapturingLoggerProvider? logs = null) => services =>
    {
        services.Configure<EmailOptions>(o =>
        {
            o.Mode = EmailDeliveryMode.Smtp;
            o.FromAddress = "mesadeservicio@entidad.gov.co";
            o.FromName = "Mesa de Servicio OTIC";
            o.PortalUrl = PortalUrl;
            o.Smtp.Host = "127.0.0.1";
            o.Smtp.Port = server.Port;
            o.Smtp.Security = SmtpSecurity.None;
            o.Smtp.TimeoutSeconds = 5;
        });
        if (logs is not null)
        {
            services.AddSingleton<ILoggerProvider>(logs);
        }
    };

    /// <summary>An ANS alert for an address, queued through the composer as the domain queues it, and saved.</summary>
    public static async Task<Guid> QueueAlertAsync(CoreHost host, string key, string address, string caseNumber = "MS-2026-000123")
    {
        await using var db = host.NewContext();
        host.Get<NoticeComposer>().Queue(db, new Notice(
            key, MessageKind.SlaAtRisk, Guid.NewGuid(), caseNumber, new NoticeRecipient(null, address),
            Recipients.CaseLink(caseNumber), NoticeComposer.TargetName(SlaTargetKind.Attention), ShowInPortal: false), host.Time.GetUtcNow());
        await db.SaveChangesAsync();
        return db.OutboxMessages.Local.Single().Id;
    }

    /// <summary>The outbox rows, fresh from the database.</summary>
    public static async Task<List<OutboxMessage>> OutboxAsync(CoreHost host)
    {
        await using var db = host.NewContext();
        return await db.OutboxMessages.AsNoTracking().Include(m => m.Attachments).OrderBy(m => m.DedupKey).ToListAsync();
    }

    /// <summary>
    /// A second instance of the portal on the database of <paramref name="host"/>: its own container (so its own
    /// <see cref="Core.TimedWork.TimedWorkInstance"/>), the same file, the same clock.
    /// </summary>
    public static ServiceProvider SecondInstance(CoreHost host, Action<IServiceCollection> configure)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(host.Database.Settings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
            .Build();
        var collection = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(host.Time)
            .AddMesaServicioCore(configuration);
        configure(collection);
        return collection.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>The text/plain and text/html parts of a message, wherever they sit in it.</summary>
    public static (string Text, string Html) Bodies(MimeMessage message) =>
        (message.BodyParts.OfType<TextPart>().Single(p => p.IsPlain && !p.IsAttachment).Text,
         message.BodyParts.OfType<TextPart>().Single(p => p.IsHtml && !p.IsAttachment).Text);
}
